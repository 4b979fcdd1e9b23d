import TurnscopeModel

/// Structural fingerprints of model values.
///
/// Hashing the fields directly, rather than serialized JSON, lets the writer recognise a message
/// it already holds without encoding it again: an agent resends its whole history every turn,
/// and only the new messages need to be serialized at all.
extension ContentHasher {
    mutating func combine(message: Message) {
        combine(1)
        combine(message.role.rawValue)
        if let name = message.name { combine(2); combine(name) } else { combine(3) }
        combine(UInt64(message.parts.count))
        for part in message.parts { combine(part: part) }
    }

    mutating func combine(part: MessagePart) {
        switch part {
        case .text(let text):
            combine(10); combine(text)
        case .image(let url, let mediaType):
            combine(11); combine(url); combineOptional(mediaType)
        case .toolCall(let call):
            combine(12); combineOptional(call.id); combine(call.name); combine(json: call.arguments)
        case .toolResult(let result):
            combine(13); combineOptional(result.callId); combine(result.content); combine(result.isError ? 1 : 0)
        case .reasoning(let text, let signature):
            combine(14); combine(text); combineOptional(signature)
        case .other(let value):
            combine(15); combine(json: value)
        }
    }

    mutating func combine(json value: JSONValue) {
        switch value {
        case .null: combine(20)
        case .bool(let flag): combine(flag ? 21 : 22)
        case .integer(let integer): combine(23); combine(UInt64(bitPattern: integer))
        case .number(let number):
            // An integral double hashes like the integer it equals: both serialize the same way.
            if number.rounded() == number, abs(number) < 1e15 {
                combine(23); combine(UInt64(bitPattern: Int64(number)))
            } else {
                combine(24); combine(number.bitPattern)
            }
        case .string(let string): combine(25); combine(string)
        case .array(let elements):
            combine(26); combine(UInt64(elements.count))
            for element in elements { combine(json: element) }
        case .object(let members):
            combine(27); combine(UInt64(members.count))
            for key in members.keys.sorted() {
                combine(key)
                combine(json: members[key]!)
            }
        }
    }

    private mutating func combineOptional(_ text: String?) {
        if let text { combine(30); combine(text) } else { combine(31) }
    }

    /// The fingerprint of one message.
    static func hash(_ message: Message) -> ContentHash {
        var hasher = ContentHasher()
        hasher.combine(message: message)
        return hasher.finalize()
    }

    /// The fingerprint of a JSON payload.
    static func hash(_ value: JSONValue) -> ContentHash {
        var hasher = ContentHasher()
        hasher.combine(json: value)
        return hasher.finalize()
    }
}
