import TurnscopeModel

/// Payloads as the JSON Langfuse shows best: chat messages in OpenAI's shape (`role`, `content`,
/// `tool_calls` with JSON-string arguments, tool results as role `tool` with `tool_call_id`,
/// reasoning as `thinking_blocks`), anything else as it is. With `redact`, every piece of content
/// becomes the marker and only the structure remains.
enum ChatJSON {
    static func payload(_ payload: Payload, redact: Bool) -> JSONValue {
        switch payload {
        case .messages(let messages): .array(messages.flatMap { self.messages($0, redact: redact) })
        case .json(let value): redact ? .string(EncodeOptions.redactionMarker) : value
        }
    }

    /// One message, or one per tool result (OpenAI answers each call in a message of its own).
    static func messages(_ message: Message, redact: Bool) -> [JSONValue] {
        let marker = EncodeOptions.redactionMarker
        var content: [JSONValue] = []
        var calls: [JSONValue] = []
        var thinking: [JSONValue] = []
        var results: [JSONValue] = []
        for part in message.parts {
            switch part {
            case .text(let text):
                content.append(["type": "text", "text": .string(redact ? marker : text)])
            case .image(let url, let mediaType):
                var image: [String: JSONValue] = ["url": .string(redact ? marker : url)]
                if let mediaType { image["media_type"] = .string(mediaType) }
                content.append(["type": "image_url", "image_url": .object(image)])
            case .toolCall(let call):
                let arguments = redact ? marker : (call.arguments.stringValue ?? call.arguments.jsonString)
                var object: [String: JSONValue] = [
                    "type": "function", "function": ["name": .string(call.name), "arguments": .string(arguments)],
                ]
                if let id = call.id { object["id"] = .string(id) }
                calls.append(.object(object))
            case .toolResult(let result):
                var object: [String: JSONValue] = ["role": "tool", "content": .string(redact ? marker : result.content)]
                if let id = result.callId { object["tool_call_id"] = .string(id) }
                if result.isError { object["is_error"] = true }
                results.append(.object(object))
            case .reasoning(let text, let signature):
                var block: [String: JSONValue] = ["type": "thinking", "thinking": .string(redact ? marker : text)]
                if let signature, !redact { block["signature"] = .string(signature) }
                thinking.append(.object(block))
            case .other(let value):
                content.append(redact ? ["type": "text", "text": .string(marker)] : value)
            }
        }
        if !results.isEmpty, content.isEmpty, calls.isEmpty, thinking.isEmpty { return results }
        var object: [String: JSONValue] = ["role": .string(message.role.rawValue)]
        if let name = message.name { object["name"] = .string(name) }
        if content.count == 1, case .string(let text)? = content[0].objectValue?["text"], content[0].objectValue?["type"] == "text" {
            object["content"] = .string(text)
        } else {
            object["content"] = content.isEmpty ? .null : .array(content)
        }
        if !calls.isEmpty { object["tool_calls"] = .array(calls) }
        if !thinking.isEmpty { object["thinking_blocks"] = .array(thinking) }
        return [.object(object)] + results
    }
}
