import TurnscopeModel

/// Tool definitions in every provider's shape, made one (`ToolDefinition`):
///
/// | shape | read as |
/// |---|---|
/// | Anthropic `{name, description, input_schema}` (also server tools with a `type`) | name, description, schema |
/// | OpenAI Chat `{type: "function", function: {name, description, parameters}}` | the function |
/// | OpenAI Responses and OTel GenAI `{type: "function", name, description, parameters}` | the same |
/// | Gemini `{functionDeclarations: [{name, description, parameters}]}` | one per declaration |
/// | a built-in tool `{type: "web_search", …}` with no name | its type as its name |
public enum ToolDefinitionNormalizer {
    /// The definitions in `value` (an array of tools, or a JSON text of one); nil when it is not
    /// such a list.
    public static func definitions(from value: JSONValue) -> [ToolDefinition]? {
        guard case .array(let elements) = value else {
            if case .string(let text) = value, let parsed = try? JSONText.parse(text), case .array = parsed {
                return definitions(from: parsed)
            }
            return nil
        }
        var tools: [ToolDefinition] = []
        for element in elements {
            guard case .object(let object) = element else { return nil }
            if case .array(let declarations)? = object["functionDeclarations"] ?? object["function_declarations"] {
                for case .object(let declaration) in declarations {
                    if let tool = tool(declaration, schemaKeys: ["parameters", "parametersJsonSchema"]) { tools.append(tool) }
                }
            } else if case .object(let function)? = object["function"] {
                if let tool = tool(function, schemaKeys: ["parameters"]) { tools.append(tool) }
            } else if let tool = tool(object, schemaKeys: ["input_schema", "parameters", "inputSchema"]) {
                tools.append(tool)
            } else if let type = object["type"]?.stringValue {
                tools.append(ToolDefinition(name: type))
            } else {
                return nil
            }
        }
        return tools
    }

    private static func tool(_ object: [String: JSONValue], schemaKeys: [String]) -> ToolDefinition? {
        guard let name = object["name"]?.stringValue, !name.isEmpty else { return nil }
        let schema = schemaKeys.lazy.compactMap { object[$0] }.first { $0 != .null }
        return ToolDefinition(name: name, description: object["description"]?.stringValue, parameters: schema)
    }
}
