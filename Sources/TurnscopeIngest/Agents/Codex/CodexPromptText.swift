import Foundation
import TurnscopeModel

/// Tells the user's own words from the context Codex injects as user messages
/// (`<environment_context>`, `<user_instructions>`, `# AGENTS.md …`, `<skills_instructions>`, …).
enum CodexPromptText {
    /// The text parts of a user message that are not context blocks, joined by newlines; nil when
    /// there are none.
    static func prompt(in message: Message) -> String? {
        var texts: [String] = []
        for part in message.parts {
            guard case .text(let text) = part, !isContext(text) else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { texts.append(trimmed) }
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// Whether a text is one of Codex's injected blocks: they all open with a tag, or are the
    /// `# AGENTS.md instructions for …` header of older builds.
    static func isContext(_ text: String) -> Bool {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return true }
        let rest = text[first...]
        return rest.hasPrefix("<") || rest.hasPrefix("# AGENTS.md")
    }

    /// A session label: the prompt trimmed to at most 200 characters.
    static func label(_ prompt: String) -> String {
        String(prompt.prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
