import TurnscopeModel

/// One of the deprecated (semconv ≤ 1.36) per-message GenAI events: `gen_ai.system.message`,
/// `gen_ai.user.message`, `gen_ai.assistant.message`, `gen_ai.tool.message` (the prompt) and
/// `gen_ai.choice` (the completion), each with its content in a kvlist body.
///
/// The bodies are OpenAI chat messages spread over an event (`content`, `tool_calls[{id, type,
/// function{name, arguments}}]`, a tool message's `id`; a choice's `message`, `index` and
/// `finish_reason`), so each is rebuilt as that message and read by the payload normalizer, the
/// same reader every other chat payload goes through.
struct GenAILegacyMessage {
    /// Whether the message belongs to the call's input or its output.
    var isChoice: Bool
    /// Nil when the body held nothing to show (content capture is opt-in, so a body may hold only
    /// ids and names, or nothing).
    var message: Message?
    /// A choice's `index`, ordering the choices of a call that asked for several.
    var index: Int64
    var finishReason: String?

    /// The role each prompt event stands for.
    static let promptRoles: [String: Role] = [
        "gen_ai.system.message": .system, "gen_ai.user.message": .user, "gen_ai.assistant.message": .assistant,
        "gen_ai.tool.message": .tool,
    ]
    static let choiceEvent = "gen_ai.choice"

    /// Whether a record of this name is a legacy message event.
    static func isLegacy(_ name: String) -> Bool {
        name == choiceEvent || promptRoles[name] != nil
    }

    /// The message of a legacy event; nil for any other name.
    init?(name: String, body: JSONValue) {
        // Some SDKs put a bare string in the body instead of `{content: …}`.
        let fields: [String: JSONValue] =
            switch body {
            case .object(let object): object
            case .string(let text): ["content": .string(text)]
            default: [:]
            }
        if name == Self.choiceEvent {
            isChoice = true
            index = OTLPValues.integer(fields["index"]) ?? 0
            finishReason = OTLPValues.text(fields["finish_reason"])
            // The message lives under `message`; a few SDKs flattened it into the body.
            let message = fields["message"]?.objectValue ?? fields
            self.message = Self.message(message, role: .assistant)
        } else if let role = Self.promptRoles[name] {
            isChoice = false
            index = 0
            finishReason = nil
            message = Self.message(fields, role: role)
        } else {
            return nil
        }
    }

    /// The fields as an OpenAI chat message, normalized; kept whole as an `.other` part when the
    /// normalizer does not recognise them (a content of an unexpected type), so nothing is lost.
    private static func message(_ fields: [String: JSONValue], role defaultRole: Role) -> Message? {
        let role = OTLPValues.text(fields["role"]).map { Role(rawValue: $0) } ?? defaultRole
        var object: [String: JSONValue] = ["role": .string(role.rawValue)]
        if let content = fields["content"], content != .null { object["content"] = content }
        if let calls = fields["tool_calls"], calls != .null { object["tool_calls"] = calls }
        if role == .tool {
            // A tool answer without captured content still says which call it answered.
            object["content"] = object["content"] ?? .null
            if let id = fields["id"] ?? fields["tool_call_id"], id != .null { object["tool_call_id"] = id }
        }
        guard object.count > 1 else { return nil }
        if let message = PayloadNormalizer.messages(from: .object(object))?.first {
            return message.parts.isEmpty ? nil : message
        }
        return Message(role: role, parts: [.other(.object(fields))])
    }
}
