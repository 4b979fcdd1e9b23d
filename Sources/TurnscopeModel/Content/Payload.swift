/// The input or output of a trace or observation.
///
/// Chat turns are held as messages, so that history can be stored once per message and shown as a
/// chat; anything else (a retriever query, a tool's arguments, a free-form object) stays JSON.
public enum Payload: Sendable, Hashable {
    /// A list of chat messages.
    case messages([Message])
    /// Any other JSON value, strings included.
    case json(JSONValue)
}

extension Payload {
    /// The messages, when this payload is a chat.
    public var messages: [Message]? {
        if case .messages(let messages) = self { return messages }
        return nil
    }
}
