import GRDB
import TurnscopeModel

extension TraceStore {
    /// One turn with its prompt and completion reassembled, nil when there is no such generation.
    public func turn(id: String) throws(StoreError) -> TurnDetail? {
        try read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(ObservationRow.prefixedColumns), t.key, s.key FROM observations o
                    JOIN traces t ON t.id = o.trace_id JOIN sessions s ON s.id = o.session_id WHERE o.key = ?
                    """, arguments: [id])
            else { return nil }
            let observation = ObservationRow(row: row)
            let traceKey: String = row[ObservationRow.columnCount]
            let sessionKey: String = row[ObservationRow.columnCount + 1]
            var blobs = BlobReader(db: db)
            let trace = try TraceRow.fetch(db, key: traceKey)
            let position = (observation.startAt ?? 0, observation.id)
            let number = try Self.turnsBefore(db, session: observation.sessionId, startAt: position.0, id: position.1)
            let neighbour = """
                SELECT \(ObservationRow.columns) FROM observations WHERE session_id = ? AND kind = 'generation'
                """
            let previous = try Row.fetchOne(
                db, sql: neighbour + " AND (start_at, id) < (?, ?) ORDER BY start_at DESC, id DESC LIMIT 1",
                arguments: [observation.sessionId, position.0, position.1]
            ).map(ObservationRow.init(row:))
            let next = try Row.fetchOne(
                db, sql: neighbour + " AND (start_at, id) > (?, ?) ORDER BY start_at, id LIMIT 1",
                arguments: [observation.sessionId, position.0, position.1]
            ).map(ObservationRow.init(row:))
            let seenBefore = Set(BlobReader.messageIds(previous?.input))
            let inputIds = BlobReader.messageIds(observation.input)
            let children = try Row.fetchAll(
                db,
                sql: "SELECT \(ObservationRow.columns) FROM observations WHERE trace_id = ? AND parent_key = ? ORDER BY start_at, id",
                arguments: [observation.traceId, observation.key]
            ).map(ObservationRow.init(row:))
            return TurnDetail(
                summary: observation.summary(
                    traceKey: traceKey, sessionKey: sessionKey, number: number, traceName: trace?.name),
                observation: try observation.record(traceKey: traceKey, blobs: &blobs),
                trace: try trace?.record(blobs: &blobs),
                inputIsNew: inputIds.map { previous != nil && !seenBefore.contains($0) },
                previousTurnId: previous?.key, nextTurnId: next?.key,
                children: try children.map { try $0.record(traceKey: traceKey, blobs: &blobs) },
                costEntry: observation.costEntry, costParts: observation.costParts)
        }
    }
}
