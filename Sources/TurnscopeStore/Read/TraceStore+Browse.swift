import GRDB
import TurnscopeModel

/// Reads for the browser: a window of rows at any offset of a sorted, filtered list, the position
/// of a row by id (so a selection survives refreshes), and counts for the live tail.
extension TraceStore {
    private static let sessionColumnsPrefixed = """
        s.id, s.key, s.label, s.user_id, s.first_at, s.last_at, s.trace_count, s.turn_count, s.error_count, \
        s.input_tokens, s.output_tokens, s.cache_read_tokens, s.cache_write_tokens, s.reasoning_tokens, s.cost_usd, \
        s.unpriced_turns, s.models, s.auto_group, s.source, s.project, s.reported_cost_usd
        """

    /// `limit` sessions from `offset` in `order`, among those `filter` lets through, with the total.
    public func sessionWindow(
        order: SessionOrder = SessionOrder(), filter: BrowseFilter = BrowseFilter(), offset: Int, limit: Int
    ) throws(StoreError) -> ListWindow<SessionSummary> {
        let condition = filter.sessionCondition()
        return try read { db in
            let total = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM sessions s WHERE \(condition.sql)", arguments: condition.arguments) ?? 0
            let start = max(0, min(offset, total - 1))
            var arguments = condition.arguments
            arguments += [limit, start]
            // The page's ids are sorted first, then its rows read: sorting whole rows (a label, the
            // models) cost four times as much, most when many sessions tie on the column and each
            // replaces the last in SQLite's sorter (turns, errors, one user, descending).
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.sessionColumnsPrefixed) FROM sessions s WHERE s.id IN (
                        SELECT s.id FROM sessions s WHERE \(condition.sql) ORDER BY \(order.orderBy) LIMIT ? OFFSET ?)
                    ORDER BY \(order.orderBy)
                    """, arguments: arguments)
            return ListWindow(items: rows.map(Self.sessionSummary), offset: start, total: total)
        }
    }

    /// The 0-based position of a session in `order` among those `filter` lets through; nil when it
    /// is not among them.
    public func sessionPosition(
        id: String, order: SessionOrder = SessionOrder(), filter: BrowseFilter = BrowseFilter()
    ) throws(StoreError) -> Int? {
        let condition = filter.sessionCondition()
        return try read { db in
            var arguments = condition.arguments
            arguments += [id]
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT position FROM (
                        SELECT s.key, row_number() OVER (ORDER BY \(order.orderBy)) - 1 AS position
                        FROM sessions s WHERE \(condition.sql)
                    ) WHERE key = ?
                    """, arguments: arguments)
        }
    }

    /// How many sessions `filter` lets through were created or updated by commits after the one
    /// `changeToken` named: the "N new" of a paused sessions list. Commit order, not client clocks,
    /// decides, so a late batch with old timestamps still counts.
    public func sessionCount(filter: BrowseFilter = BrowseFilter(), changedAfter changeToken: Int64) throws(StoreError) -> Int {
        let condition = filter.sessionCondition()
        return try read { db in
            var arguments = condition.arguments
            arguments += [changeToken]
            return try Int.fetchOne(
                db, sql: "SELECT count(*) FROM sessions s WHERE \(condition.sql) AND s.change_seq > ?", arguments: arguments) ?? 0
        }
    }

    /// `limit` turns of a session in time order from `offset`, among those `filter` lets through,
    /// with the total. Turn numbers count every turn of the session, filtered or not.
    public func turnWindow(
        inSession sessionId: String, filter: BrowseFilter = BrowseFilter(), offset: Int, limit: Int
    ) throws(StoreError) -> ListWindow<TurnSummary> {
        let condition = filter.turnCondition()
        return try read { db in
            guard let session = try Int64.fetchOne(db, sql: "SELECT id FROM sessions WHERE key = ?", arguments: [sessionId])
            else { throw StoreError("no session \(sessionId)") }
            var countArguments: StatementArguments = [session]
            countArguments += condition.arguments
            let total = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM observations o JOIN traces t ON t.id = o.trace_id
                    WHERE o.session_id = ? AND o.kind = 'generation' AND \(condition.sql)
                    """, arguments: countArguments) ?? 0
            let start = max(0, min(offset, total - 1))
            let rows: [Row]
            if filter.isEmpty {
                // Numbers follow from the offset: the partial turns index serves the page directly.
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(ObservationRow.prefixedColumns), t.key, t.name
                        FROM observations o JOIN traces t ON t.id = o.trace_id
                        WHERE o.session_id = ? AND o.kind = 'generation' ORDER BY o.start_at, o.id LIMIT ? OFFSET ?
                        """, arguments: [session, limit, start])
            } else {
                var arguments = condition.arguments
                arguments += [session, limit, start]
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM (
                            SELECT \(ObservationRow.prefixedColumns), t.key, t.name,
                                row_number() OVER (ORDER BY o.start_at, o.id) AS number, \(condition.sql) AS shown
                            FROM observations o JOIN traces t ON t.id = o.trace_id
                            WHERE o.session_id = ? AND o.kind = 'generation'
                        ) WHERE shown ORDER BY number LIMIT ? OFFSET ?
                        """, arguments: arguments)
            }
            let items = rows.enumerated().map { index, row in
                ObservationRow(row: row).summary(
                    traceKey: row[ObservationRow.columnCount], sessionKey: sessionId,
                    number: filter.isEmpty ? start + index + 1 : row[ObservationRow.columnCount + 2],
                    traceName: row[ObservationRow.columnCount + 1])
            }
            return ListWindow(items: items, offset: start, total: total)
        }
    }

    /// The 0-based position of a turn among its session's turns that `filter` lets through.
    public func turnPosition(id: String, inSession sessionId: String, filter: BrowseFilter = BrowseFilter()) throws(StoreError) -> Int? {
        let condition = filter.turnCondition()
        return try read { db in
            var arguments = condition.arguments
            arguments += [sessionId, StoredKey.argument(id)]
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT position FROM (
                        SELECT o.key, row_number() OVER (ORDER BY o.start_at, o.id) - 1 AS position
                        FROM observations o JOIN traces t ON t.id = o.trace_id
                        WHERE \(condition.sql) AND o.kind = 'generation'
                            AND o.session_id = (SELECT id FROM sessions WHERE key = ?)
                    ) WHERE key = ?
                    """, arguments: arguments)
        }
    }

    /// The highest cost of one turn in a session (the scale of the turns list's cost bars); nil when
    /// no turn has a known cost.
    public func maximumTurnCost(inSession sessionId: String) throws(StoreError) -> Double? {
        try read { db in
            try Double.fetchOne(
                db,
                sql: """
                    SELECT max(cost_usd) FROM observations
                    WHERE session_id = (SELECT id FROM sessions WHERE key = ?) AND kind = 'generation'
                    """, arguments: [sessionId])
        }
    }
}
