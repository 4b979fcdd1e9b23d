/// The native JSON form of messages (docs/native-format.md): what exports write, imports read and
/// the store keeps as each message's blob.
extension Message {
    /// Reads a message from its native JSON form.
    public init(json: JSONValue, path: String) throws(FieldError) {
        let reader = try FieldReader(json, path: path)
        role = Role(rawValue: try reader.requiredString("role"))
        name = try reader.string("name")
        guard let partsJSON = try reader.array("parts") else {
            throw FieldError(path: reader.path(of: "parts"), reason: "is required")
        }
        var parts: [MessagePart] = []
        parts.reserveCapacity(partsJSON.count)
        for (index, part) in partsJSON.enumerated() {
            parts.append(try MessagePart(json: part, path: "\(reader.path(of: "parts"))[\(index)]"))
        }
        self.parts = parts
    }

    /// The native JSON form.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["role": .string(role.rawValue), "parts": .array(parts.map(\.json))]
        if let name { object["name"] = .string(name) }
        return .object(object)
    }

    /// Reads a list of messages.
    public static func list(json: JSONValue, path: String) throws(FieldError) -> [Message] {
        guard case .array(let elements) = json else {
            throw FieldError(path: path, reason: "expected an array of messages, got \(json.typeName)")
        }
        var messages: [Message] = []
        messages.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            messages.append(try Message(json: element, path: "\(path)[\(index)]"))
        }
        return messages
    }
}

extension MessagePart {
    /// Reads a part from its native JSON form.
    public init(json: JSONValue, path: String) throws(FieldError) {
        let reader = try FieldReader(json, path: path)
        switch try reader.requiredString("type") {
        case "text":
            self = .text(try reader.string("text") ?? "")
        case "image":
            self = .image(url: try reader.requiredString("url"), mediaType: try reader.string("mediaType"))
        case "tool_call":
            self = .toolCall(
                ToolCall(
                    id: try reader.string("id"), name: try reader.requiredString("name"),
                    arguments: reader.value("arguments") ?? .object([:])))
        case "tool_result":
            self = .toolResult(
                ToolResult(
                    callId: try reader.string("callId"), content: try reader.string("content") ?? "",
                    isError: try reader.bool("isError") ?? false))
        case "reasoning":
            self = .reasoning(text: try reader.string("text") ?? "", signature: try reader.string("signature"))
        case "other":
            self = .other(reader.value("value") ?? .null)
        case let type:
            throw FieldError(
                path: reader.path(of: "type"),
                reason: "unknown part type \"\(type)\" (text, image, tool_call, tool_result, reasoning, other)")
        }
    }

    /// The native JSON form.
    public var json: JSONValue {
        switch self {
        case .text(let text):
            return ["type": "text", "text": .string(text)]
        case .image(let url, let mediaType):
            var object: [String: JSONValue] = ["type": "image", "url": .string(url)]
            if let mediaType { object["mediaType"] = .string(mediaType) }
            return .object(object)
        case .toolCall(let call):
            var object: [String: JSONValue] = ["type": "tool_call", "name": .string(call.name), "arguments": call.arguments]
            if let id = call.id { object["id"] = .string(id) }
            return .object(object)
        case .toolResult(let result):
            var object: [String: JSONValue] = ["type": "tool_result", "content": .string(result.content)]
            if let callId = result.callId { object["callId"] = .string(callId) }
            if result.isError { object["isError"] = true }
            return .object(object)
        case .reasoning(let text, let signature):
            var object: [String: JSONValue] = ["type": "reasoning", "text": .string(text)]
            if let signature { object["signature"] = .string(signature) }
            return .object(object)
        case .other(let value):
            return ["type": "other", "value": value]
        }
    }
}
