/// A tool the caller offered the model with a request: what the model could have called.
///
/// Providers shape these differently (Anthropic `{name, description, input_schema}`, OpenAI Chat
/// `{type: "function", function: {name, description, parameters}}`, OpenAI Responses `{type:
/// "function", name, description, parameters}`, Gemini `functionDeclarations`); the normalizer
/// makes them this one shape. A provider's built-in tool (web search, code interpreter) has no
/// schema and keeps its type as its name.
public struct ToolDefinition: Sendable, Hashable {
    /// The name the model calls it by.
    public var name: String
    /// What the caller told the model it does.
    public var description: String?
    /// The JSON schema of its arguments.
    public var parameters: JSONValue?

    /// A tool definition.
    public init(name: String, description: String? = nil, parameters: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

extension ToolDefinition {
    /// The native JSON form: `{"name": …, "description": …, "parameters": …}`.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name)]
        if let description { object["description"] = .string(description) }
        if let parameters { object["parameters"] = parameters }
        return .object(object)
    }

    /// Reads the native JSON form.
    public init(json: JSONValue, path: String) throws(FieldError) {
        let reader = try FieldReader(json, path: path)
        name = try reader.requiredString("name")
        description = try reader.string("description")
        parameters = reader.value("parameters")
    }

    /// Reads a list in the native JSON form.
    public static func list(json: JSONValue, path: String) throws(FieldError) -> [ToolDefinition] {
        guard case .array(let elements) = json else {
            throw FieldError(path: path, reason: "expected an array of tool definitions, got \(json.typeName)")
        }
        var tools: [ToolDefinition] = []
        for (index, element) in elements.enumerated() { tools.append(try ToolDefinition(json: element, path: "\(path)[\(index)]")) }
        return tools
    }
}
