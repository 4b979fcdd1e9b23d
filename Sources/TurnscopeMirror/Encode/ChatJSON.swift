import TurnscopeModel

/// Payloads as the JSON Langfuse shows best: chat messages in OpenAI's shape (`role`, `content`,
/// `tool_calls` with JSON-string arguments, tool results as role `tool` with `tool_call_id`,
/// reasoning as `thinking_blocks`), anything else as it is. With `redact`, every piece of content
/// becomes the marker and only the structure remains.
///
/// Written straight into a `JSONWriter`: every span carries its whole prompt history, and building a
/// tree of values first cost more than the rest of the encoding.
enum ChatJSON {
    /// The payload as JSON text.
    static func text(_ payload: Payload, redact: Bool) -> String {
        var writer = JSONWriter(capacity: 1024)
        write(payload, redact: redact, into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The payload as a JSON value, for the batch API's bodies (the same bytes, parsed back).
    static func value(_ payload: Payload, redact: Bool) -> JSONValue {
        (try? JSONText.parse(text(payload, redact: redact))) ?? .null
    }

    static func write(_ payload: Payload, redact: Bool, into writer: inout JSONWriter) {
        switch payload {
        case .messages(let messages):
            writer.raw("[")
            var first = true
            for message in messages { write(message, redact: redact, first: &first, into: &writer) }
            writer.raw("]")
        case .json(let value):
            writer.write(redact ? .string(EncodeOptions.redactionMarker) : value)
        }
    }

    /// One message, then one `tool` message per tool result (OpenAI answers each call in a message
    /// of its own).
    static func write(_ message: Message, redact: Bool, first: inout Bool, into writer: inout JSONWriter) {
        let marker = EncodeOptions.redactionMarker
        var contentCount = 0
        var calls = 0
        var thinking = 0
        for part in message.parts {
            switch part {
            case .text, .image, .other: contentCount += 1
            case .toolCall: calls += 1
            case .reasoning: thinking += 1
            case .toolResult: break
            }
        }
        func separate(_ writer: inout JSONWriter) {
            if !first { writer.raw(",") }
            first = false
        }
        if contentCount + calls + thinking > 0 || message.parts.isEmpty {
            separate(&writer)
            writer.raw("{\"role\":")
            writer.write(string: message.role.rawValue)
            if let name = message.name {
                writer.raw(",\"name\":")
                writer.write(string: name)
            }
            writer.raw(",\"content\":")
            if contentCount == 1, case .text(let text)? = message.parts.first(where: { if case .text = $0 { true } else { false } }) {
                writer.write(string: redact ? marker : text)
            } else if contentCount == 0 {
                writer.raw("null")
            } else {
                writer.raw("[")
                var index = 0
                for part in message.parts {
                    switch part {
                    case .text(let text):
                        if index > 0 { writer.raw(",") }
                        writer.raw("{\"type\":\"text\",\"text\":")
                        writer.write(string: redact ? marker : text)
                        writer.raw("}")
                    case .image(let url, let mediaType):
                        if index > 0 { writer.raw(",") }
                        writer.raw("{\"type\":\"image_url\",\"image_url\":{\"url\":")
                        writer.write(string: redact ? marker : url)
                        if let mediaType {
                            writer.raw(",\"media_type\":")
                            writer.write(string: mediaType)
                        }
                        writer.raw("}}")
                    case .other(let value):
                        if index > 0 { writer.raw(",") }
                        writer.write(redact ? ["type": "text", "text": .string(marker)] : value)
                    default: continue
                    }
                    index += 1
                }
                writer.raw("]")
            }
            if calls > 0 {
                writer.raw(",\"tool_calls\":[")
                var index = 0
                for case .toolCall(let call) in message.parts {
                    if index > 0 { writer.raw(",") }
                    index += 1
                    writer.raw("{\"type\":\"function\",")
                    if let id = call.id {
                        writer.raw("\"id\":")
                        writer.write(string: id)
                        writer.raw(",")
                    }
                    writer.raw("\"function\":{\"name\":")
                    writer.write(string: call.name)
                    writer.raw(",\"arguments\":")
                    writer.write(string: redact ? marker : (call.arguments.stringValue ?? call.arguments.jsonString))
                    writer.raw("}}")
                }
                writer.raw("]")
            }
            if thinking > 0 {
                writer.raw(",\"thinking_blocks\":[")
                var index = 0
                for case .reasoning(let text, let signature) in message.parts {
                    if index > 0 { writer.raw(",") }
                    index += 1
                    writer.raw("{\"type\":\"thinking\",\"thinking\":")
                    writer.write(string: redact ? marker : text)
                    if let signature, !redact {
                        writer.raw(",\"signature\":")
                        writer.write(string: signature)
                    }
                    writer.raw("}")
                }
                writer.raw("]")
            }
            writer.raw("}")
        }
        for case .toolResult(let result) in message.parts {
            separate(&writer)
            writer.raw("{\"role\":\"tool\",")
            if let id = result.callId {
                writer.raw("\"tool_call_id\":")
                writer.write(string: id)
                writer.raw(",")
            }
            if result.isError { writer.raw("\"is_error\":true,") }
            writer.raw("\"content\":")
            writer.write(string: redact ? marker : result.content)
            writer.raw("}")
        }
    }
}
