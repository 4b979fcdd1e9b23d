import GRDB
import TurnscopeModel

extension TraceStore {
    private static let sessionColumns = """
        id, key, label, user_id, first_at, last_at, trace_count, turn_count, error_count, input_tokens, \
        output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, unpriced_turns, models, \
        auto_group, source, project, reported_cost_usd
        """

    /// Sessions by last activity, newest first, one page at a time.
    public func sessions(after cursor: PageCursor? = nil, limit: Int = 50) throws(StoreError) -> Page<SessionSummary> {
        try read { db in
            let rows: [Row]
            if let cursor {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.sessionColumns) FROM sessions
                        WHERE (last_at, id) < (?, ?) ORDER BY last_at DESC, id DESC LIMIT ?
                        """, arguments: [cursor.key, cursor.id, limit])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(Self.sessionColumns) FROM sessions ORDER BY last_at DESC, id DESC LIMIT ?",
                    arguments: [limit])
            }
            let next = rows.count == limit ? rows.last.map { PageCursor(key: $0[5] ?? 0, id: $0[0]) } : nil
            return Page(items: rows.map(Self.sessionSummary), next: next)
        }
    }

    /// One session by id, nil when there is none.
    public func session(id: String) throws(StoreError) -> SessionSummary? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.sessionColumns) FROM sessions WHERE key = ?", arguments: [id])
                .map(Self.sessionSummary)
        }
    }

    static func sessionSummary(_ row: Row) -> SessionSummary {
        let models: String = row[16]
        return SessionSummary(
            id: row[1], label: row[2], userId: row[3], firstAt: (row[4] as Int64?).map(Timestamp.init(microseconds:)),
            lastAt: (row[5] as Int64?).map(Timestamp.init(microseconds:)), traceCount: row[6], turnCount: row[7],
            errorCount: row[8],
            usage: Usage(input: row[9], output: row[10], cacheRead: row[11], cacheWrite5m: row[12], reasoning: row[13]),
            cost: row[14], unpricedTurns: row[15], models: models.split(separator: ",").map(String.init),
            isAutomatic: row[17] != nil, source: row[18], project: row[19], reportedCost: row[20])
    }
}
