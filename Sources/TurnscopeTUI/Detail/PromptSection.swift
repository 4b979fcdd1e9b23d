import TurnscopeModel

/// The prompt as a chat, with what is new in this turn marked and the repeated history folded.
///
/// Agents resend the whole conversation every turn; what matters is the tail the previous turn did
/// not send (the new tool results, the user's new message). Leading messages that the previous
/// turn already sent fold into one line; new messages carry a `+` in the gutter and a NEW tag.
extension DetailDocument {
    mutating func appendPrompt(_ turn: LoadedTurn) {
        let promptStart = lines.count
        defer { if landing == nil { landing = min(lines.count - 1, promptStart + 1) } }
        switch turn.detail.observation.input {
        case nil:
            // Agents' log events carry the user's prompt, not the request: it is the trace's input.
            if let messages = turn.detail.trace?.input?.messages, !messages.isEmpty {
                title("Prompt", detail: "the user's prompt only; the agent logged no request")
                let names = ToolCallPairing.toolNames(in: messages)
                for (index, message) in messages.enumerated() {
                    appendMessage(message, block: "in:\(index)", isNew: false, toolNames: names)
                }
                return
            }
            title("Prompt")
            append([Span("  no prompt recorded", theme.dimmed)], block: nil)
        case .json(let value)?:
            title("Prompt", detail: "JSON")
            appendValue(value, block: "prompt", fold: "cap:prompt", indent: 2)
        case .messages(let read)?:
            // Without its history the prompt starts `omitted` messages in: indices below count
            // from the whole prompt, as `inputIsNew` does.
            let omitted = turn.detail.omittedHistory
            let total = omitted + read.count
            let hasPrevious = turn.detail.previousTurnId != nil
            let newCount = (0..<total).filter(turn.inputIsNew).count
            title("Prompt", detail: Self.count(total, "message") + (hasPrevious ? ", \(newCount) new" : ""))
            let repeated = hasPrevious ? (0..<total).prefix { !turn.inputIsNew($0) }.count : 0
            let names = ToolCallPairing.toolNames(in: read)
            var start = 0
            if repeated > 0 {
                // An unread history has no text yet: the screen reads it before anything needs
                // it (unfolding, copying, paging, a search match it might hide).
                let hidden = read.prefix(max(0, repeated - omitted)).map { $0.role.rawValue + ": " + Self.plainText(of: $0) }
                    .joined(separator: "\n\n")
                foldLine(
                    "history",
                    label: [Span(Self.count(repeated, "message") + " repeated from earlier turns", theme.dimmed.emphasized)],
                    hidden: hidden)
                if !folds.isOpen("history") { start = repeated }
                if repeated == total {
                    append([Span("  nothing new: the previous turn sent this same prompt", theme.dimmed)], block: nil)
                }
            }
            for index in max(start, omitted)..<total {
                appendMessage(read[index - omitted], block: "in:\(index)", isNew: turn.inputIsNew(index), toolNames: names)
            }
        }
    }
}
