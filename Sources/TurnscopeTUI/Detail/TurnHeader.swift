import TurnscopeModel

/// The lines at the top of a turn: which turn of which session, the model, when and how fast, and
/// its status, an error in the error style so it stands out.
extension DetailDocument {
    mutating func appendHeader(_ turn: LoadedTurn) {
        let detail = turn.detail
        let summary = detail.summary
        let separator = Span(" · ", theme.dimmed)
        var place = "Turn \(summary.number)"
        if let total = turn.sessionTurns { place += " of \(total)" }
        let first: [[Span]] = [
            [Span(place, theme.title)],
            [Span("session ", theme.dimmed), Span(summary.sessionId)],
            summary.name.map { [Span($0, theme.dimmed)] } ?? [],
        ]
        // Facts the record lacks are left out rather than shown as dashes.
        var facts: [[Span]] = [
            [Span(summary.model ?? "no model", Style(bold: true))],
            [Span(Formatting.dateTime(summary.startTime), theme.dimmed)],
            [Span("latency ", theme.dimmed), Span(Formatting.duration(summary.latency))],
        ]
        if let firstToken = summary.timeToFirstToken {
            facts.append([Span("first token ", theme.dimmed), Span(Formatting.duration(firstToken))])
        }
        if let usage = summary.usage, !usage.isEmpty { facts.append([Span(Formatting.tokens(usage.effectiveTotal) + " tokens")]) }
        facts.append(summary.cost == nil ? [Span("cost unknown", theme.warning)] : [Span(Formatting.money(summary.cost), theme.money)])
        for line in FlowLine.lines(first, width: width - 2, separator: separator) + FlowLine.lines(facts, width: width - 2, separator: separator) {
            append(line, block: "header")
        }
        appendStatus(summary)
        appendAnswerFacts(detail.observation.metadata)
        if let mirror = turn.mirror { appendMirror(mirror.mark, link: mirror.link) }
        setText(lines.map(\.plainText).joined(separator: "\n"), for: "header")
    }

    /// How the answer came and ended, in the metadata keys every source records them under (the
    /// proxy's, OpenTelemetry instrumentations', Codex's): finish reason, streamed or not, provider,
    /// HTTP status, and the provider's response id. Left out when no source said.
    private mutating func appendAnswerFacts(_ metadata: JSONValue?) {
        guard let metadata else { return }
        var facts: [[Span]] = []
        if let reason = metadata["finishReason"]?.stringValue { facts.append([Span("finish ", theme.dimmed), Span(reason)]) }
        if case .bool(let streamed)? = metadata["stream"] { facts.append([Span(streamed ? "streamed" : "not streamed", theme.dimmed)]) }
        if let provider = metadata["provider"]?.stringValue { facts.append([Span("provider ", theme.dimmed), Span(provider)]) }
        if let status = metadata["httpStatus"]?.integerValue { facts.append([Span("HTTP ", theme.dimmed), Span(String(status))]) }
        if let id = metadata["responseId"]?.stringValue { facts.append([Span("id ", theme.dimmed), Span(id)]) }
        for line in FlowLine.lines(facts, width: width - 2, separator: Span(" · ", theme.dimmed)) { append(line, block: "answer") }
    }

    /// Where the turn stands with the Langfuse mirror: delivered (with its Langfuse address),
    /// waiting, or refused with the server's reason.
    private mutating func appendMirror(_ mark: MirrorMark, link: String?) {
        let label = Span("Langfuse ", theme.dimmed)
        switch mark {
        case .mirrored: append([label, Span("✓ mirrored", theme.good)] + (link.map { [Span("  " + $0, theme.dimmed)] } ?? []), block: "mirror")
        case .pending: append([label, Span("◌ pending", theme.warning)], block: "mirror")
        case .failed(let reason):
            let text = TerminalText.truncate("✗ refused: \(reason)", to: max(10, available(indent: 0) - 9 - 26))
            append([label, Span(text, theme.error), Span("  turnscope mirror retry", theme.dimmed)], block: "mirror")
        }
    }

    /// The status line: ok, running, or the level with its message (wrapped, at most four lines).
    private mutating func appendStatus(_ summary: TurnSummary) {
        switch summary.level {
        case .error?, .warning?:
            let isError = summary.level == .error
            let style = isError ? theme.error : theme.warning
            let label = isError ? "✗ ERROR" : "! WARNING"
            let message = summary.statusMessage ?? ""
            let room = available(indent: 0) - label.count - 1
            let wrapped = TextWrap.lines(message, width: max(8, room), maxLines: 4)
            for (index, text) in (wrapped.lines.isEmpty ? [""] : wrapped.lines).enumerated() {
                let head = index == 0 ? Span(label, style.reversed) : Span(String(repeating: " ", count: label.count))
                append([head, Span(" " + text, style)], block: "status")
            }
            if wrapped.omitted > 0 { append([Span("  … r shows the whole record", theme.dimmed)], block: "status") }
            setText(message, for: "status")
        default:
            if summary.endTime == nil {
                append([Span("… running", theme.warning)], block: "status")
            } else {
                append([Span("✓ ok", theme.good)], block: "status")
            }
        }
    }
}
