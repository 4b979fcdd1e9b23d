import GRDB
import TurnscopeModel

extension TraceStore {
    /// The turns (generations) of a session in time order, one page at a time.
    public func turns(inSession sessionId: String, after cursor: PageCursor? = nil, limit: Int = 100) throws(StoreError)
        -> Page<TurnSummary>
    {
        try read { db in
            guard let session = try Int64.fetchOne(db, sql: "SELECT id FROM sessions WHERE key = ?", arguments: [sessionId])
            else { throw StoreError("no session \(sessionId)") }
            let select = """
                SELECT \(ObservationRow.prefixedColumns), t.key, t.name FROM observations o
                JOIN traces t ON t.id = o.trace_id
                WHERE o.session_id = ? AND o.kind = 'generation'
                """
            let rows: [Row]
            var number = 1
            if let cursor {
                rows = try Row.fetchAll(
                    db, sql: select + " AND (o.start_at, o.id) > (?, ?) ORDER BY o.start_at, o.id LIMIT ?",
                    arguments: [session, cursor.key, cursor.id, limit])
                number = try Self.turnsBefore(db, session: session, startAt: cursor.key, id: cursor.id) + 1
            } else {
                rows = try Row.fetchAll(db, sql: select + " ORDER BY o.start_at, o.id LIMIT ?", arguments: [session, limit])
            }
            var items: [TurnSummary] = []
            items.reserveCapacity(rows.count)
            for row in rows {
                let observation = ObservationRow(row: row)
                items.append(observation.summary(traceKey: row[ObservationRow.columnCount], sessionKey: sessionId, number: number, traceName: row[ObservationRow.columnCount + 1]))
                number += 1
            }
            let next = rows.count == limit
                ? rows.last.map { PageCursor(key: ObservationRow(row: $0).startAt ?? 0, id: $0[0]) } : nil
            return Page(items: items, next: next)
        }
    }

    /// How many turns of a session come at or before a position (the position's 1-based number).
    static func turnsBefore(_ db: Database, session: Int64, startAt: Int64, id: Int64) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM observations WHERE session_id = ? AND kind = 'generation'
                AND (start_at, id) <= (?, ?)
                """, arguments: [session, startAt, id]) ?? 0
    }
}
