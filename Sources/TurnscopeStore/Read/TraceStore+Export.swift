import GRDB
import TurnscopeModel

extension TraceStore {
    /// Every record of the store (or of one session) as the client sent it, merged: each trace
    /// followed by its observations and scores. Records are handed over a trace at a time so an
    /// export of any size runs in bounded memory.
    public func export(session: String? = nil, _ emit: (TurnscopeModel.Record) throws -> Void) throws(StoreError) {
        var lastTrace: Int64 = 0
        var sessionRow: Int64?
        if let session {
            sessionRow = try read { db in try Int64.fetchOne(db, sql: "SELECT id FROM sessions WHERE key = ?", arguments: [session]) }
            guard sessionRow != nil else { throw StoreError("no session \(session)") }
        }
        while true {
            let batch: [TurnscopeModel.Record] = try read { db in
                var blobs = BlobReader(db: db)
                let filter = sessionRow == nil ? "" : " AND session_id = \(sessionRow!)"
                let traces = try Row.fetchAll(
                    db, sql: "SELECT \(TraceRow.columns) FROM traces WHERE id > ?\(filter) ORDER BY id LIMIT 200",
                    arguments: [lastTrace]
                ).map(TraceRow.init(row:))
                var records: [TurnscopeModel.Record] = []
                for trace in traces {
                    records.append(.trace(try trace.record(blobs: &blobs)))
                    let observations = try Row.fetchAll(
                        db, sql: "SELECT \(ObservationRow.columns) FROM observations WHERE trace_id = ? ORDER BY start_at, id",
                        arguments: [trace.id])
                    for row in observations {
                        records.append(.observation(try ObservationRow(row: row).record(traceKey: trace.key, blobs: &blobs)))
                    }
                    records += try Self.scores(db, where: "trace_key = ?", [trace.key]).map(TurnscopeModel.Record.score)
                    lastTrace = trace.id
                }
                return records
            }
            if batch.isEmpty { break }
            do { try batch.forEach(emit) } catch { throw StoreError("export stopped: \(error)") }
        }
        let loose: [ScoreRecord] = try read { db in
            if let session {
                return try Self.scores(db, where: "trace_key IS NULL AND session_key = ?", [session])
            }
            return try Self.scores(db, where: "trace_key IS NULL OR trace_key NOT IN (SELECT key FROM traces)", [])
        }
        do { try loose.map(TurnscopeModel.Record.score).forEach(emit) } catch { throw StoreError("export stopped: \(error)") }
        // Sessions a source described itself (an agent's project, label and reported cost) travel
        // as session records; the others are described by their traces alone.
        let described: [SessionRecord] = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT key, source, project, label, reported_cost_usd FROM sessions
                    WHERE (project IS NOT NULL OR reported_cost_usd IS NOT NULL OR source IN ('claude-code', 'codex'))
                    AND (?1 IS NULL OR key = ?1) ORDER BY id
                    """, arguments: [session]
            ).map { row in SessionRecord(id: row[0], source: row[1], project: row[2], label: row[3], reportedCost: row[4]) }
        }
        do { try described.map(TurnscopeModel.Record.session).forEach(emit) } catch { throw StoreError("export stopped: \(error)") }
    }

    static func scores(_ db: Database, where condition: String, _ arguments: [String]) throws -> [ScoreRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT key, name, value_number, value_string, data_type, trace_key, observation_key, session_key,
                comment, metadata, timestamp, source, environment FROM scores WHERE \(condition) ORDER BY id
                """, arguments: StatementArguments(arguments)
        ).map { row in
            let number: Double? = row[2]
            return ScoreRecord(
                id: row[0], name: row[1], value: number.map(ScoreValue.number) ?? .string(row[3] ?? ""),
                dataType: row[4], traceId: row[5], observationId: row[6], sessionId: row[7], comment: row[8],
                metadata: WriteTransaction.decodeJSON(row[9]), timestamp: (row[10] as Int64?).map(Timestamp.init(microseconds:)),
                source: row[11], environment: row[12])
        }
    }
}
