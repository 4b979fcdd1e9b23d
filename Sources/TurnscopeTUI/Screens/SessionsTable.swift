import TurnscopeModel

/// The sessions table's columns and the details pane shown beside it on wide terminals.
enum SessionsTable {
    static func heading(for column: SessionOrder.Column) -> String {
        switch column {
        case .lastActivity: "Last"
        case .label: "Session"
        case .user: "User"
        case .turns: "Turns"
        case .inputTokens: "In"
        case .outputTokens: "Out"
        case .cost: "Cost"
        case .models: "Models"
        case .errors: "Err"
        case .cacheHitRatio: "Cache"
        }
    }

    /// Columns give way as the table narrows, the label and the session id last: the id shows from
    /// 100 columns (a UUID's first group), the user from 120, the source from 125.
    static func table(context: BrowserContext) -> Table<SessionSummary> {
        let theme = context.theme
        let now = context.now
        return Table(columns: [
            TableColumn(heading(for: .lastActivity), .fixed(5), alignRight: true) { Span(Formatting.age($0.lastAt, now: now), theme.dimmed) },
            TableColumn(heading(for: .label), .flexible(min: 16, weight: 3)) { Span(name(of: $0), $0.isAutomatic ? theme.dimmed : .plain) },
            TableColumn("Id", .fixed(8), minimumScreenWidth: 100) { Span(shortId(of: $0), theme.dimmed) },
            TableColumn("Source", .fixed(8), minimumScreenWidth: 125) { Span(shortSource(of: $0), theme.dimmed) },
            TableColumn(heading(for: .user), .flexible(min: 6, weight: 1), minimumScreenWidth: 120) { Span($0.userId ?? "–") },
            TableColumn(heading(for: .turns), .fixed(5), alignRight: true) { Span(String($0.turnCount)) },
            TableColumn(heading(for: .inputTokens), .fixed(6), alignRight: true) { Span(Formatting.tokens($0.usage.promptTokens)) },
            TableColumn(heading(for: .outputTokens), .fixed(6), alignRight: true) { Span(Formatting.tokens($0.usage.output)) },
            TableColumn(heading(for: .cost), .fixed(9), alignRight: true) { Span(cost(of: $0), theme.money) },
            TableColumn(heading(for: .cacheHitRatio), .fixed(5), alignRight: true) { Span(Formatting.percent($0.cacheHitRatio)) },
            TableColumn(heading(for: .errors), .fixed(3), alignRight: true) {
                $0.errorCount > 0 ? Span(String($0.errorCount), theme.error) : Span("·", theme.dimmed)
            },
            TableColumn(heading(for: .models), .flexible(min: 10, weight: 2), minimumScreenWidth: 110) {
                Span($0.models.joined(separator: ","), theme.dimmed)
            },
        ])
    }

    /// The session's label, else its id.
    static func name(of session: SessionSummary) -> String {
        let label = session.label.map { $0.split(separator: "\n").first.map(String.init) ?? $0 }
        return label.flatMap { $0.isEmpty ? nil : $0 } ?? session.id
    }

    /// The session id as far as 8 characters show it (a UUID's first group, as `git` shortens
    /// hashes), `auto` for sessions Turnscope grouped itself.
    static func shortId(of session: SessionSummary) -> String {
        session.isAutomatic ? "auto" : String(session.id.prefix(8))
    }

    /// The source in at most 8 characters: `claude`, `codex`, `langfuse`, `otlp`, `native`.
    static func shortSource(of session: SessionSummary) -> String {
        guard let source = session.source else { return "–" }
        return source == SessionSource.claudeCode ? "claude" : String(source.prefix(8))
    }

    /// Cost with a `+` when some turns are unpriced (the total is then a lower bound).
    static func cost(of session: SessionSummary) -> String {
        // A session whose prompt is in but whose first answer is not has no cost yet, not $0.
        guard session.turnCount > 0 else { return "–" }
        return session.unpricedTurns > 0
            ? (session.cost > 0 ? Formatting.money(session.cost) + "+" : "?") : Formatting.money(session.cost)
    }

    /// A session's facts as lines, for the details pane and `y`.
    static func facts(_ session: SessionSummary, context: BrowserContext) -> [StyledLine] {
        let theme = context.theme
        func fact(_ name: String, _ value: String, _ style: Style = .plain) -> StyledLine {
            StyledLine([Span(name.padding(toLength: 12, withPad: " ", startingAt: 0), theme.dimmed), Span(value, style)])
        }
        let usage = session.usage
        return [
            StyledLine(name(of: session), theme.title),
            fact("id", session.id),
            fact("source", session.source ?? "–"),
            fact("project", session.project ?? "–"),
            fact("user", session.userId ?? "–"),
            fact("first", Formatting.dateTime(session.firstAt)),
            fact("last", Formatting.dateTime(session.lastAt) + "  (" + Formatting.age(session.lastAt, now: context.now) + " ago)"),
            fact("traces", String(session.traceCount)),
            fact("turns", String(session.turnCount)),
            fact("errors", String(session.errorCount), session.errorCount > 0 ? theme.error : .plain),
            StyledLine(),
            fact("input", Formatting.tokens(usage.input) + " uncached"),
            fact("cache read", Formatting.tokens(usage.cacheRead)),
            fact("cache write", Formatting.tokens(usage.cacheWrite)),
            fact("output", Formatting.tokens(usage.output)),
            fact("reasoning", Formatting.tokens(usage.reasoning)),
            fact("cache hit", Formatting.percent(session.cacheHitRatio)),
            fact("cost", cost(of: session) + (session.unpricedTurns > 0 ? "  (\(session.unpricedTurns) unpriced)" : ""), theme.money),
        ] + reportedCost(session, fact: fact) + [
            StyledLine(),
            fact("models", session.models.joined(separator: ", ")),
        ]
    }

    /// The client's own figure for the session beside Turnscope's sum, so a disagreement (an
    /// unknown model, a changed price) shows: `agent says $1.23`.
    private static func reportedCost(
        _ session: SessionSummary, fact: (String, String, Style) -> StyledLine
    ) -> [StyledLine] {
        guard let reported = session.reportedCost else { return [] }
        let agrees = abs(reported - session.cost) <= max(0.005, reported * 0.01)
        let note = agrees ? "" : "  (differs from the sum of turns)"
        return [fact("agent says", Formatting.money(reported) + note, .plain)]
    }

    static func drawDetails(_ session: SessionSummary, into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        for (row, line) in facts(session, context: context).prefix(area.height).enumerated() {
            line.draw(into: &buffer, x: area.x + 1, y: area.y + row, width: area.width - 1)
        }
    }

    /// Plain text of a session for copying.
    static func describe(_ session: SessionSummary) -> String {
        "\(session.id)\t\(name(of: session))\tturns \(session.turnCount)\tcost \(cost(of: session))"
    }
}
