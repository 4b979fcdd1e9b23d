import GRDB

/// Usage aggregate changes gathered during one write transaction and applied once per cell at the
/// end, in the same transaction as the rows: a batch of a hundred calls of one day and model
/// updates one row of `usage_by_day`.
///
/// Every change to a counted row goes through here: a call written or merged into (new minus old
/// contribution, `apply`), and a call folded into its twin and deleted (`remove`). Moving a trace
/// to another session changes no cell (the aggregate does not look at sessions).
struct UsageLedger {
    private var pending: [UsageCell: UsageTally] = [:]

    /// Counts `row` as it is now instead of as `old` was (nil for a new row).
    mutating func apply(_ row: ObservationRow, minus old: ObservationRow?) {
        if let old { remove(old) }
        guard let (cell, tally) = row.usageContribution else { return }
        pending[cell, default: UsageTally()].add(tally, sign: 1)
    }

    /// Stops counting `row`, which is being deleted (or is about to be counted again as changed).
    mutating func remove(_ row: ObservationRow) {
        guard let (cell, tally) = row.usageContribution else { return }
        pending[cell, default: UsageTally()].add(tally, sign: -1)
    }

    /// Writes the gathered differences. A cell is matched with `IS`, since a call may have no
    /// model; one left without calls is deleted, so that calls moving between days (an estimated
    /// start corrected) leave no empty rows behind.
    func flush(_ db: Database) throws {
        let cellCondition = "day IS ? AND model IS ? AND failed = ?"
        let update = try db.cachedStatement(
            sql: """
                UPDATE usage_by_day SET calls = calls + ?, input_tokens = input_tokens + ?, input_reported = input_reported + ?,
                    output_tokens = output_tokens + ?, output_reported = output_reported + ?,
                    cache_read_tokens = cache_read_tokens + ?, cache_read_reported = cache_read_reported + ?,
                    cache_write_5m_tokens = cache_write_5m_tokens + ?, cache_write_5m_reported = cache_write_5m_reported + ?,
                    cache_write_1h_tokens = cache_write_1h_tokens + ?, cache_write_1h_reported = cache_write_1h_reported + ?,
                    reasoning_tokens = reasoning_tokens + ?, reasoning_reported = reasoning_reported + ?,
                    cost_usd = cost_usd + ?, unpriced_calls = unpriced_calls + ?
                WHERE \(cellCondition)
                """)
        for (cell, delta) in pending where delta != UsageTally() {
            let key: [SQLValue] = [SQLValue(cell.day), SQLValue(cell.model), .integer(cell.failed ? 1 : 0)]
            var sums: [SQLValue] = [.integer(delta.calls)]
            for counter in [delta.input, delta.output, delta.cacheRead, delta.cacheWrite5m, delta.cacheWrite1h, delta.reasoning] {
                sums += [.integer(counter.tokens), .integer(counter.calls)]
            }
            sums += [.real(delta.cost), .integer(delta.unpricedCalls)]
            try update.run(db, sums + key)
            if db.changesCount == 0 {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO usage_by_day (calls, input_tokens, input_reported, output_tokens, output_reported,
                            cache_read_tokens, cache_read_reported, cache_write_5m_tokens, cache_write_5m_reported,
                            cache_write_1h_tokens, cache_write_1h_reported, reasoning_tokens, reasoning_reported, cost_usd,
                            unpriced_calls, day, model, failed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """
                ).run(db, sums + key)
            } else if delta.calls < 0 {
                try db.cachedStatement(sql: "DELETE FROM usage_by_day WHERE \(cellCondition) AND calls = 0").run(db, key)
            }
        }
    }
}
