import TurnscopeModel

/// The columns of the stats screen's tables. Token columns are the four counters providers bill
/// separately (uncached input, cache read, cache write, output), so a model whose cost comes from
/// cache writes shows why.
enum StatsTables {
    /// Costs and tokens by model, with a cost bar relative to the most expensive model.
    static func models(theme: Theme, maximumCost: Double, barWidth: Int) -> Table<UsageStats> {
        var columns: [TableColumn<UsageStats>] = [
            TableColumn("Model", .flexible(min: 14, weight: 1)) { Span($0.group) },
            TableColumn("Calls", .fixed(5), alignRight: true) { Span(String($0.calls)) },
            TableColumn("Cost", .fixed(9), alignRight: true) { cost($0, theme: theme) },
            TableColumn("", .flexible(min: 6, weight: 1)) { bar($0.cost, of: maximumCost, width: barWidth, theme: theme) },
        ]
        columns += tokenColumns(theme: theme)
        columns.append(
            TableColumn("Unpriced", .fixed(8), alignRight: true, minimumScreenWidth: 110) {
                $0.unpricedCalls > 0 ? Span("\($0.unpricedCalls) ?", theme.warning) : Span("·", theme.dimmed)
            })
        return Table(columns: columns)
    }

    /// Costs and tokens by UTC day, with a cost bar relative to the most expensive day.
    static func days(theme: Theme, maximumCost: Double, barWidth: Int) -> Table<UsageStats> {
        let columns: [TableColumn<UsageStats>] = [
            TableColumn("Day", .fixed(10)) { Span($0.group, theme.dimmed) },
            TableColumn("Calls", .fixed(5), alignRight: true) { Span(String($0.calls)) },
            TableColumn("Cost", .fixed(9), alignRight: true) { cost($0, theme: theme) },
            TableColumn("", .flexible(min: 6, weight: 1)) { bar($0.cost, of: maximumCost, width: barWidth, theme: theme) },
        ]
        return Table(columns: columns + tokenColumns(theme: theme))
    }

    /// The most expensive turns: cost with a bar relative to the first, model, session, number, time.
    static func turns(theme: Theme, maximumCost: Double, barWidth: Int) -> Table<(rank: Int, turn: TurnSummary)> {
        Table(columns: [
            TableColumn("#", .fixed(3), alignRight: true) { Span(String($0.rank), theme.dimmed) },
            TableColumn("Cost", .fixed(9), alignRight: true) { Span(Formatting.money($0.turn.cost), theme.money) },
            TableColumn("", .flexible(min: 6, weight: 1)) { bar($0.turn.cost ?? 0, of: maximumCost, width: barWidth, theme: theme) },
            TableColumn("Model", .flexible(min: 12, weight: 3)) { Span($0.turn.model ?? "–") },
            TableColumn("Session", .flexible(min: 12, weight: 2)) { Span($0.turn.sessionId, theme.dimmed) },
            TableColumn("Turn", .fixed(5), alignRight: true) { Span("#\($0.turn.number)") },
            TableColumn("When", .fixed(11), minimumScreenWidth: 64) { Span(when($0.turn.startTime), theme.dimmed) },
        ])
    }

    private static func tokenColumns(theme: Theme) -> [TableColumn<UsageStats>] {
        [
            TableColumn("In", .fixed(6), alignRight: true) { Span(Formatting.tokens($0.usage.input)) },
            TableColumn("CacheRd", .fixed(7), alignRight: true) { Span(Formatting.tokens($0.usage.cacheRead), theme.dimmed) },
            TableColumn("CacheWr", .fixed(7), alignRight: true) { Span(Formatting.tokens($0.usage.cacheWrite), theme.dimmed) },
            TableColumn("Out", .fixed(6), alignRight: true) { Span(Formatting.tokens($0.usage.output)) },
            TableColumn("Hit", .fixed(4), alignRight: true) { Span(Formatting.percent($0.cacheHitRatio)) },
        ]
    }

    /// Known cost, `+` when some calls are unpriced (a lower bound), `?` when none is priced.
    static func cost(_ stats: UsageStats, theme: Theme) -> Span {
        if stats.unpricedCalls == 0 { return Span(Formatting.money(stats.cost), theme.money) }
        if stats.cost == 0 { return Span("?", theme.warning) }
        return Span(Formatting.money(stats.cost) + "+", theme.money)
    }

    private static func bar(_ value: Double, of maximum: Double, width: Int, theme: Theme) -> Span {
        Span(Blocks.bar(value, of: maximum, width: width), theme.bar)
    }

    /// A table whose bar column (the one without a heading) scales its bars to the width it gets
    /// at `width`: `make` builds the table for a bar width, once to measure and once to draw.
    static func fitted<Row>(width: Int, _ make: (Int) -> Table<Row>) -> Table<Row> {
        let barWidth = make(1).layout(width: width).first { $0.column.heading.isEmpty }?.width ?? 1
        return make(barWidth)
    }

    /// `11-20 09:00` in UTC.
    static func when(_ time: Timestamp?) -> String {
        let text = Formatting.dateTime(time)
        guard text.count >= 16 else { return text }
        return String(text.dropFirst(5).prefix(11))
    }
}
