import GRDB
import TurnscopeModel

extension TraceStore {
    /// How LLM calls are grouped in `usageStats`.
    public enum StatsGrouping: Sendable {
        case model
        case day
    }

    /// Token and cost totals of LLM calls by model (most expensive first) or by UTC day (oldest
    /// first), optionally only since a time.
    public func usageStats(by grouping: StatsGrouping, since: Timestamp? = nil) throws(StoreError) -> [UsageStats] {
        let group = grouping == .model
            ? "coalesce(model, '(none)')" : "date(start_at / 1000000, 'unixepoch')"
        let order = grouping == .model ? "9 DESC, 1" : "1"
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(group), count(*), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens),
                        sum(cache_write_5m_tokens), sum(cache_write_1h_tokens), sum(reasoning_tokens),
                        coalesce(sum(cost_usd), 0), sum(\(ObservationRow.unpricedCondition))
                    FROM observations WHERE kind = 'generation' AND start_at >= ?
                    GROUP BY 1 ORDER BY \(order)
                    """, arguments: [since?.microseconds ?? Int64.min]
            ).map { row in
                UsageStats(
                    group: row[0] ?? "(none)", calls: row[1],
                    usage: Usage(
                        input: row[2] ?? 0, output: row[3] ?? 0, cacheRead: row[4] ?? 0, cacheWrite5m: row[5] ?? 0,
                        cacheWrite1h: row[6] ?? 0, reasoning: row[7] ?? 0),
                    cost: row[8], unpricedCalls: row[9])
            }
        }
    }
}
