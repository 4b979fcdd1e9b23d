import TurnscopeModel

/// The turns table's columns: number, time, model, latency, tokens, cost with a bar, tools, status.
enum TurnsTable {
    static func table(
        context: BrowserContext, maximumCost: Double?, mirrorMarks: [String: MirrorMark] = [:]
    ) -> Table<TurnSummary> {
        let theme = context.theme
        var table = Table(columns: [
            TableColumn("#", .fixed(4), alignRight: true) { Span(String($0.number), theme.dimmed) },
            TableColumn("Time", .fixed(8)) { Span(String(Formatting.timeOfDay($0.startTime).prefix(8)), theme.dimmed) },
            TableColumn("Model", .flexible(min: 12, weight: 2)) { Span($0.model ?? "–") },
            TableColumn("Latency", .fixed(7), alignRight: true) { Span(Formatting.duration($0.latency)) },
            TableColumn("TTFT", .fixed(6), alignRight: true, minimumScreenWidth: 100) {
                Span(Formatting.duration($0.timeToFirstToken), theme.dimmed)
            },
            TableColumn("In", .fixed(6), alignRight: true) { Span(Formatting.tokens($0.usage?.promptTokens)) },
            TableColumn("Out", .fixed(6), alignRight: true) { Span(Formatting.tokens($0.usage?.output)) },
            TableColumn("Cached", .fixed(6), alignRight: true, minimumScreenWidth: 100) {
                Span(Formatting.tokens($0.usage?.cacheRead), theme.dimmed)
            },
            TableColumn("Cost", .fixed(8), alignRight: true) { Span(Formatting.money($0.cost), theme.money) },
            TableColumn("", .fixed(6), minimumScreenWidth: 90) {
                Span(Blocks.bar($0.cost ?? 0, of: maximumCost ?? 0, width: 6), theme.bar)
            },
            TableColumn("Tools", .fixed(5), alignRight: true) {
                $0.toolCallCount > 0 ? Span("⚙\($0.toolCallCount)", theme.toolName) : Span("·", theme.dimmed)
            },
            TableColumn("Status", .flexible(min: 6, weight: 1)) { status(of: $0, theme: theme) },
        ])
        // The mirror's column appears once any turn of the session was queued for Langfuse.
        if !mirrorMarks.isEmpty {
            table.columns.insert(
                TableColumn("LF", .fixed(2)) { turn in
                    switch mirrorMarks[turn.id] {
                    case .mirrored?: Span("✓", theme.good)
                    case .pending?: Span("◌", theme.warning)
                    case .failed?: Span("✗", theme.error)
                    case nil: Span("·", theme.dimmed)
                    }
                }, at: table.columns.count - 1)
        }
        return table
    }

    static func status(of turn: TurnSummary, theme: Theme) -> Span {
        switch turn.level {
        case .error?: Span("✗ " + (turn.statusMessage ?? "error"), theme.error)
        case .warning?: Span("! " + (turn.statusMessage ?? "warning"), theme.warning)
        default: turn.endTime == nil ? Span("… running", theme.warning) : Span("ok", theme.good)
        }
    }
}
