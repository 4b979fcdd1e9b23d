/// Serializing messages straight to bytes.
///
/// The store serializes every new message it keeps. Building a `JSONValue` tree first costs a
/// dictionary per part; writing the members directly, in the same sorted order `JSONWriter` uses,
/// gives the same bytes several times faster.
extension Message {
    /// The native JSON of this message, byte-identical to `json.jsonBytes`.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter(capacity: 128)
        write(to: &writer)
        return writer.bytes
    }

    /// Appends the native JSON of this message.
    public func write(to writer: inout JSONWriter) {
        writer.raw("{")
        if let name {
            writer.raw("\"name\":")
            writer.write(string: name)
            writer.raw(",")
        }
        writer.raw("\"parts\":[")
        for (index, part) in parts.enumerated() {
            if index > 0 { writer.raw(",") }
            part.write(to: &writer)
        }
        writer.raw("],\"role\":")
        writer.write(string: role.rawValue)
        writer.raw("}")
    }
}

extension MessagePart {
    /// Appends the native JSON of this part, members in sorted order.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .text(let text):
            writer.raw("{\"text\":")
            writer.write(string: text)
            writer.raw(",\"type\":\"text\"}")
        case .image(let url, let mediaType):
            writer.raw("{")
            if let mediaType {
                writer.raw("\"mediaType\":")
                writer.write(string: mediaType)
                writer.raw(",")
            }
            writer.raw("\"type\":\"image\",\"url\":")
            writer.write(string: url)
            writer.raw("}")
        case .toolCall(let call):
            writer.raw("{\"arguments\":")
            writer.write(call.arguments)
            if let id = call.id {
                writer.raw(",\"id\":")
                writer.write(string: id)
            }
            writer.raw(",\"name\":")
            writer.write(string: call.name)
            writer.raw(",\"type\":\"tool_call\"}")
        case .toolResult(let result):
            writer.raw("{")
            if let callId = result.callId {
                writer.raw("\"callId\":")
                writer.write(string: callId)
                writer.raw(",")
            }
            writer.raw("\"content\":")
            writer.write(string: result.content)
            if result.isError { writer.raw(",\"isError\":true") }
            writer.raw(",\"type\":\"tool_result\"}")
        case .reasoning(let text, let signature):
            writer.raw("{")
            if let signature {
                writer.raw("\"signature\":")
                writer.write(string: signature)
                writer.raw(",")
            }
            writer.raw("\"text\":")
            writer.write(string: text)
            writer.raw(",\"type\":\"reasoning\"}")
        case .other(let value):
            writer.raw("{\"type\":\"other\",\"value\":")
            writer.write(value)
            writer.raw("}")
        }
    }
}
