import TurnscopeModel

extension ObservationRecord {
    /// The model parameters as Langfuse shows them: Langfuse has no field for the tools a request
    /// offered, and its UI lists them from the parameters' `tools`, so they travel there.
    var parametersWithTools: [String: JSONValue]? {
        guard let toolDefinitions, !toolDefinitions.isEmpty else { return modelParameters }
        var parameters = modelParameters ?? [:]
        if parameters["tools"] == nil { parameters["tools"] = .array(toolDefinitions.map(\.json)) }
        return parameters
    }
}
