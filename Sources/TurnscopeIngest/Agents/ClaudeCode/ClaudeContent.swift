import TurnscopeModel

/// Claude Code's message content as Turnscope messages, and the tests that tell a typed prompt
/// from the context Claude Code injects around it.
enum ClaudeContent {
    /// A transcript `message` (`{role, content}`; content a string or Anthropic blocks) as a
    /// message. Conversion is `PayloadNormalizer`'s, so a prompt rebuilt from the transcript reads
    /// exactly like the same prompt captured from the API: a user message of tool results only
    /// becomes a `tool` message, `thinking` becomes reasoning, `tool_use` a tool call.
    static func message(_ message: FieldReader, defaultRole: Role) throws(FieldError) -> Message {
        let roleName = try message.string("role")
        let role = roleName.map { Role(rawValue: $0) } ?? defaultRole
        let content: JSONValue
        switch message.value("content") {
        case nil:
            return Message(role: role, parts: [])
        case let value? where value.stringValue != nil || value.arrayValue != nil:
            content = value
        case let other?:
            throw FieldError(
                path: message.path(of: "content"), reason: "expected a string or an array, got \(other.typeName)")
        }
        let wrapped: JSONValue = .object(["role": .string(role.rawValue), "content": content])
        if let converted = PayloadNormalizer.messages(from: wrapped)?.first { return converted }
        // Blocks PayloadNormalizer refuses (a number among them): keep them whole rather than lose them.
        return Message(role: role, parts: content.arrayValue?.map { MessagePart.other($0) } ?? [])
    }

    /// The text of a user message as a prompt: its text parts, without injected
    /// `<system-reminder>` blocks, joined by newlines. Nil for tool results and messages with no
    /// such text.
    static func promptText(_ message: Message) -> String? {
        var texts: [String] = []
        for part in message.parts {
            switch part {
            case .toolResult: return nil
            case .text(let text) where !text.drop(while: \.isWhitespace).hasPrefix("<system-reminder>"):
                texts.append(text)
            default: continue
            }
        }
        let text = trimmed(texts.joined(separator: "\n"))
        return text.isEmpty ? nil : text
    }

    /// Whether a user line's text is something the user typed as a request: not a slash command
    /// (`<command-name>…`), not the output of a local command, not an interruption notice.
    static func isTypedPrompt(_ text: String) -> Bool {
        !nonPromptPrefixes.contains { text.hasPrefix($0) }
    }

    /// Whether the text is Claude Code's bookkeeping rather than a request that reaches the model,
    /// so that it must not start a turn of its own.
    static func isLocalNotice(_ text: String) -> Bool {
        text.hasPrefix("<local-command-") || text.hasPrefix("[Request interrupted")
            || text.hasPrefix("Caveat: The messages below were generated")
    }

    /// A session label: the prompt trimmed, at most 200 characters.
    static func label(_ text: String) -> String {
        String(trimmed(text).prefix(200))
    }

    /// The text of the text parts, joined by newlines.
    static func text(of parts: [MessagePart]) -> String? {
        let texts = parts.compactMap { part -> String? in if case .text(let text) = part { text } else { nil } }
        let text = texts.joined(separator: "\n")
        return trimmed(text).isEmpty ? nil : text
    }

    private static let nonPromptPrefixes = [
        "<command-", "<local-command-", "<system-reminder>", "[Request interrupted",
        "Caveat: The messages below were generated",
    ]

    /// `text` without leading and trailing white space (no Foundation needed).
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }
}
