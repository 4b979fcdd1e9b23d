import TurnscopeModel

/// The top of the stats screen: overall totals and cache hit ratio, the token breakdown, and
/// sparklines of cost and tokens per day across the range.
enum StatsSummary {
    /// Lines the summary takes.
    static let height = 3

    static func lines(_ snapshot: StatsSnapshot, width: Int, theme: Theme) -> [StyledLine] {
        let totals = snapshot.totals
        var first = StyledLine(" Total ", theme.title)
        first.append(StatsTables.cost(totals, theme: theme).text, theme.money.emphasized)
        first.append(" · \(Formatting.grouped(Int64(totals.calls))) call\(totals.calls == 1 ? "" : "s")")
        // `+` after the total says it is a lower bound; the count says by how many calls.
        if totals.unpricedCalls > 0 { first.append(" · \(totals.unpricedCalls) unpriced", theme.warning) }
        first.append(" · cache hit ", theme.dimmed)
        first.append(Formatting.percent(totals.cacheHitRatio), theme.good.emphasized)

        let usage = totals.usage
        var second = StyledLine(" Tokens ", theme.dimmed)
        second.append("in " + Formatting.tokens(usage.input))
        second.append(" · cache read " + Formatting.tokens(usage.cacheRead))
        second.append(" · cache write " + Formatting.tokens(usage.cacheWrite))
        second.append(" · out " + Formatting.tokens(usage.output))
        if let reasoning = usage.reasoning, reasoning > 0 {
            second.append(" (reasoning " + Formatting.tokens(reasoning) + ")", theme.dimmed)
        }

        return [first, second, sparklines(snapshot.series, width: width, theme: theme)]
    }

    /// `Cost/day ▁▃█  Tokens/day ▂▂█  2026-11-20 → 2026-11-22`: one block per day (widened to a few
    /// cells each when the range is short), the newest days when the range does not fit.
    static func sparklines(_ series: [UsageStats], width: Int, theme: Theme) -> StyledLine {
        guard let firstDay = series.first?.group, let lastDay = series.last?.group else {
            return StyledLine(" No LLM calls.", theme.dimmed)
        }
        let range = firstDay == lastDay ? "  " + firstDay : "  \(firstDay) → \(lastDay)"
        let labels = " Cost/day " + " Tokens/day " + "  "
        let room = max(2, (width - labels.count - range.count) / 2)
        let shown = Array(series.suffix(room))
        let cellsPerDay = max(1, min(4, room / max(1, shown.count)))
        func spark(_ values: [Double]) -> String {
            String(Blocks.sparkline(values).flatMap { String(repeating: $0, count: cellsPerDay) })
        }
        var line = StyledLine(" Cost/day ", theme.dimmed)
        line.append(spark(shown.map(\.cost)), theme.bar)
        line.append("  Tokens/day ", theme.dimmed)
        line.append(spark(shown.map { Double($0.usage.promptTokens + ($0.usage.output ?? 0)) }), theme.jsonKey)
        line.append(shown.count < series.count ? "  last \(shown.count) days to \(lastDay)" : range, theme.dimmed)
        return line
    }
}
