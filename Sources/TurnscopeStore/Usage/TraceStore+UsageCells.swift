import GRDB
import TurnscopeModel

/// Reads of the usage aggregate (`usage_by_day`), which the writer keeps current in the same
/// transaction as the calls it sums (UsageLedger).
extension TraceStore {
    /// Sums by model and day of the calls `filter` lets through, named `model<TAB>day` as
    /// `callSums` names them: whole days from the aggregate, and the part of a day that `since:`
    /// or `until:` cuts at either end of the window from the calls themselves. Only for filters
    /// the aggregate answers (`isAnsweredByUsageCells`).
    static func usageCellSums(_ db: Database, filter: BrowseFilter) throws -> [UsageStats] {
        let days = UsageDaySplit(since: filter.since?.microseconds, until: filter.until?.microseconds)
        var sums: [UsageStats] = []
        if days.hasWholeDays {
            let condition = filter.usageCellCondition(days: days)
            // `date(day * 86400)` names the same date as the calls' `date(start_at / 1000000)`,
            // and `(none)` where that has none (no start, or a year SQLite cannot write). A counter
            // no call reported is NULL, as the calls' own `sum()` of it is.
            sums += try Row.fetchAll(
                db,
                sql: """
                    SELECT coalesce(model, '(none)') || char(9) || coalesce(date(day * 86400, 'unixepoch'), '(none)'),
                        sum(calls), \(["input", "output", "cache_read", "cache_write_5m", "cache_write_1h", "reasoning"]
                            .map { "CASE WHEN sum(\($0)_reported) > 0 THEN sum(\($0)_tokens) END" }.joined(separator: ", ")),
                        sum(cost_usd), sum(unpriced_calls)
                    FROM usage_by_day WHERE \(condition.sql) GROUP BY 1 HAVING sum(calls) > 0
                    """, arguments: condition.arguments
            ).map(usageStats)
        }
        for cut in days.cuts {
            var part = filter
            part.since = Timestamp(microseconds: cut.since)
            part.until = Timestamp(microseconds: cut.until)
            sums += try callSums(db, filter: part)
        }
        return sums
    }
}
