import TurnscopeModel

/// The rest of the record: timing, model parameters, metadata, the trace's user, tags and
/// metadata, level and status message.
extension DetailDocument {
    mutating func appendDetails(_ turn: LoadedTurn) {
        let detail = turn.detail
        let observation = detail.observation
        let summary = detail.summary
        let separator = Span(" · ", theme.dimmed)
        title("Timing")
        let timing: [[Span]] = [
            [Span("start ", theme.dimmed), Span(Formatting.dateTime(summary.startTime))],
            [Span("latency ", theme.dimmed), Span(Formatting.duration(summary.latency))],
            [Span("first token ", theme.dimmed), Span(Formatting.duration(summary.timeToFirstToken))],
        ]
        for line in FlowLine.lines(timing, width: width - 4, separator: separator) {
            append([Span("  ")] + line, block: "timing")
        }
        title("Status")
        var status: [[Span]] = [[Span("level ", theme.dimmed), Span(observation.level?.rawValue ?? "DEFAULT", Self.style(of: observation.level, theme))]]
        if let version = observation.version { status.append([Span("version ", theme.dimmed), Span(version)]) }
        if let environment = observation.environment { status.append([Span("environment ", theme.dimmed), Span(environment)]) }
        for line in FlowLine.lines(status, width: width - 4, separator: separator) { append([Span("  ")] + line, block: "level") }
        if let message = observation.statusMessage {
            appendText(message, block: "statusMessage", fold: "cap:statusMessage", indent: 2, style: Self.style(of: observation.level, theme))
        }
        if let parameters = observation.modelParameters, !parameters.isEmpty {
            title("Model parameters")
            appendCompactJSON(.object(parameters), block: "parameters")
        }
        appendToolsOffered(observation.toolDefinitions ?? [])
        if let metadata = observation.metadata, metadata != .object([:]) {
            title("Metadata")
            appendCompactJSON(metadata, block: "metadata")
        }
        if let trace = detail.trace { appendTrace(trace) }
    }

    private mutating func appendTrace(_ trace: TraceRecord) {
        title("Trace", detail: trace.id)
        var facts: [[Span]] = []
        if let name = trace.name { facts.append([Span("name ", theme.dimmed), Span(name)]) }
        if let user = trace.userId { facts.append([Span("user ", theme.dimmed), Span(user)]) }
        if let environment = trace.environment { facts.append([Span("environment ", theme.dimmed), Span(environment)]) }
        if let release = trace.release { facts.append([Span("release ", theme.dimmed), Span(release)]) }
        for tag in trace.tags ?? [] { facts.append([Span("#" + tag, theme.filter)]) }
        for line in FlowLine.lines(facts, width: width - 4, separator: Span(" · ", theme.dimmed)) {
            append([Span("  ")] + line, block: "trace")
        }
        if let metadata = trace.metadata, metadata != .object([:]) {
            append([Span("  metadata", theme.dimmed)], block: "trace")
            appendJSON(metadata, block: "traceMetadata", fold: "cap:traceMetadata", indent: 4)
        }
    }

    /// JSON on one line when it fits, else pretty and capped.
    private mutating func appendCompactJSON(_ value: JSONValue, block: String) {
        setText(JSONText.pretty(value), for: block)
        if let inline = PrettyJSON.inline(value, theme: theme, width: available(indent: 2)) {
            _ = appendStyled([StyledLine(inline)], block: block, indent: 2)
        } else {
            appendJSON(value, block: block, fold: "cap:" + block, indent: 2)
        }
    }

    private static func style(of level: Level?, _ theme: Theme) -> Style {
        switch level {
        case .error?: theme.error
        case .warning?: theme.warning
        default: .plain
        }
    }
}
