import TurnscopeModel

/// A span's model and model parameters, read in Langfuse's order, plus the tools offered to the
/// model, which the conventions keep apart from the parameters but the model keeps as `tools`.
enum OTLPModelParameters {
    /// Model keys, first match wins: the response's model before the request's, since it names
    /// the exact version that ran and was billed.
    static let modelKeys = [
        "langfuse.observation.model.name", "gen_ai.response.model", "ai.model.id", "gen_ai.request.model",
        "llm.response.model", "llm.model_name", "llm.response.model_name", "llm.request.model_name", "model",
    ]

    static func model(_ attributes: inout OTLPAttributes) -> String? {
        guard let model = attributes.text(modelKeys) else { return nil }
        attributes.discard(modelKeys, repeating: model)
        return model
    }

    /// The first JSON object among `langfuse.observation.model.parameters`,
    /// `llm.invocation_parameters` and `model_config`; else every `gen_ai.request.*` and
    /// `llm.invocation_parameters.*` but the model. Then the tool definitions, if the client sent
    /// any and the parameters do not already list them.
    static func parameters(_ attributes: inout OTLPAttributes) -> [String: JSONValue]? {
        var parameters: [String: JSONValue]?
        for key in ["langfuse.observation.model.parameters", "llm.invocation_parameters", "model_config"] {
            if let object = OTLPValues.object(attributes.peek(key)) {
                attributes.discard(key)
                parameters = object
                break
            }
        }
        if parameters == nil {
            var collected = attributes.take(prefix: "gen_ai.request.", except: ["model"])
            collected.merge(attributes.take(prefix: "llm.invocation_parameters.", except: ["model"])) { first, _ in first }
            if !collected.isEmpty { parameters = collected }
        }
        if parameters?["tools"] == nil, let tools = tools(&attributes) {
            parameters = (parameters ?? [:]).merging(["tools": tools]) { first, _ in first }
        }
        return parameters
    }

    /// Tool definitions: GenAI's `gen_ai.tool.definitions` (a JSON array), OpenInference's
    /// `llm.tools.{i}.tool.json_schema`, or OpenLLMetry's `llm.request.functions.{i}.*`.
    private static func tools(_ attributes: inout OTLPAttributes) -> JSONValue? {
        if let definitions = attributes.take("gen_ai.tool.definitions") { return OTLPValues.decoded(definitions) }
        let openInference = OTLPFlattenedMessages.indexed(attributes.take(prefix: "llm.tools."))
            .compactMap { $0["tool.json_schema"].map(OTLPValues.decoded) }
        if !openInference.isEmpty { return .array(openInference) }
        let functions = OTLPFlattenedMessages.indexed(attributes.take(prefix: "llm.request.functions."))
            .map { fields in JSONValue.object(fields.mapValues(OTLPValues.decoded)) }
        return functions.isEmpty ? nil : .array(functions)
    }
}
