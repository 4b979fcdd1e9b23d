import GRDB
import TurnscopeModel

extension TraceStore {
    /// One turn with its prompt and completion reassembled, nil when there is no such generation.
    ///
    /// - Parameter includingHistory: false leaves out the prompt's history, the leading messages
    ///   the previous turn's prompt already sent (`TurnDetail.omittedHistory` says how many), and
    ///   never reads them: an agent resends hundreds of messages every turn, and the turn view
    ///   shows them folded. `promptHistory(ofTurn:count:)` reads them when they are asked for.
    public func turn(id: String, includingHistory: Bool = true) throws(StoreError) -> TurnDetail? {
        try read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(ObservationRow.prefixedColumns), t.key, s.key FROM observations o
                    JOIN traces t ON t.id = o.trace_id JOIN sessions s ON s.id = o.session_id WHERE o.key = ?
                    """, arguments: [StoredKey.argument(id)])
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
            let inputIsNew = BlobReader.messageIds(observation.input).map { previous != nil && !seenBefore.contains($0) }
            // Only a turn with a previous one has history: a first turn's prompt is all new.
            let omitted = includingHistory || previous == nil ? 0 : inputIsNew.prefix { !$0 }.count
            let children = try Row.fetchAll(
                db,
                sql: "SELECT \(ObservationRow.columns) FROM observations WHERE trace_id = ? AND parent_key = ? ORDER BY start_at, id",
                arguments: [observation.traceId, StoredKey.argument(observation.key)]
            ).map(ObservationRow.init(row:))
            return TurnDetail(
                summary: observation.summary(
                    traceKey: traceKey, sessionKey: sessionKey, number: number, traceName: trace?.name),
                observation: try observation.record(traceKey: traceKey, blobs: &blobs, omittingInput: omitted),
                trace: try trace?.record(blobs: &blobs),
                inputIsNew: inputIsNew,
                previousTurnId: previous?.key, nextTurnId: next?.key,
                children: try children.map { try $0.record(traceKey: traceKey, blobs: &blobs) },
                costEntry: observation.priceEntry, costParts: observation.costParts(pricing: pricing), omittedHistory: omitted)
        }
    }

    /// The first `count` messages of a turn's prompt: the history `turn(id:includingHistory:)`
    /// left out, read when the screen needs it (unfolded, copied, searched).
    public func promptHistory(ofTurn id: String, count: Int) throws(StoreError) -> [Message] {
        try read { db in
            guard count > 0, let row = try Row.fetchOne(db, sql: "SELECT input FROM observations WHERE key = ?", arguments: [StoredKey.argument(id)])
            else { return [] }
            var blobs = BlobReader(db: db)
            return try blobs.leadingMessages(row[0], count: count)
        }
    }
}
