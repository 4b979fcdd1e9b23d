import TurnscopeModel

/// The completion: the assistant's answer part by part, each tool call paired with its result.
extension DetailDocument {
    mutating func appendCompletion(_ turn: LoadedTurn) {
        let observation = turn.detail.observation
        let calls = turn.calls.count
        title("Completion", detail: calls > 0 ? Self.count(calls, "tool call") : nil)
        switch observation.output {
        case .messages(let messages)?:
            var call = 0
            for (index, message) in messages.enumerated() {
                appendMessage(
                    message, block: "out:\(index)", isNew: false, toolNames: [:], results: turn.results, firstCall: call)
                call += message.toolCalls.count
            }
        case .json(let value)?:
            appendValue(value, block: "out", fold: "cap:out", indent: 2)
        case nil:
            if observation.level == .error {
                append([Span("  no completion: the call failed (status above)", theme.error)], block: nil)
            } else if observation.endTime == nil {
                append([Span("  … still running", theme.warning)], block: nil)
            } else {
                append([Span("  no completion recorded", theme.dimmed)], block: nil)
            }
        }
    }
}
