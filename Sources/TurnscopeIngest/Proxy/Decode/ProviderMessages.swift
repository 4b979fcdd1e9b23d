import TurnscopeModel

/// Chat messages out of the message lists providers send and answer, through the same
/// `PayloadNormalizer` every other source uses, so a call reads the same whoever captured it.
///
/// `PayloadNormalizer` turns a list into messages only when every element is recognisably one.
/// Here the endpoint is known, so the list *is* a conversation: each element is normalized on
/// its own, and one it cannot read (a built-in tool's item, a new item type, a wrong type) is
/// kept whole as an `.other` part rather than turning the whole prompt into JSON.
enum ProviderMessages {
    /// One message per element of a list; nil when the value is not a list.
    static func list(_ value: JSONValue) -> [Message]? {
        guard case .array(let elements) = value else { return nil }
        return elements.map(message)
    }

    /// One element of a conversation as a message.
    static func message(_ element: JSONValue) -> Message {
        if case .object = element, let messages = PayloadNormalizer.messages(from: element), messages.count == 1 {
            return messages[0]
        }
        let role = element["role"]?.stringValue.flatMap { $0.isEmpty ? nil : Role(rawValue: $0) }
        return Message(role: role ?? .user, parts: [.other(element)])
    }

    /// The instructions a provider takes apart from the messages (Anthropic's `system`, a
    /// Responses `instructions`), as a system message: a string, or text blocks.
    static func system(_ value: JSONValue) -> Message? {
        switch value {
        case .null:
            return nil
        case .string(let text):
            return .text(.system, text)
        default:
            let wrapped: JSONValue = ["role": "system", "content": value]
            if let messages = PayloadNormalizer.messages(from: wrapped), messages.count == 1 { return messages[0] }
            return Message(role: .system, parts: [.other(value)])
        }
    }

    /// The messages with each run of messages of one role made one message: a Responses answer
    /// is a list of items (reasoning, text, calls), which together are one assistant message.
    static func merged(_ messages: [Message]) -> [Message] {
        var merged: [Message] = []
        for message in messages {
            if let last = merged.last, last.role == message.role, last.name == message.name {
                merged[merged.count - 1].parts += message.parts
            } else {
                merged.append(message)
            }
        }
        return merged
    }
}
