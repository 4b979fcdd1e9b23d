import GRDB
import TurnscopeModel

extension TraceStore {
    /// Marks entries delivered as of the revision read. An entry that changed again meanwhile stays
    /// pending, and only its newer rows go next time.
    public func markMirrored(_ entries: [MirrorEntry]) throws(StoreError) {
        try update { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE mirror_outbox SET sent_seq = ?1, state = CASE WHEN queued_seq <= ?1 THEN 1 ELSE 0 END,
                        attempts = 0, reason = NULL, upstream_id = coalesce(?4, upstream_id)
                    WHERE kind = ?2 AND row_id = ?3
                    """)
            for entry in entries {
                try statement.execute(arguments: [entry.revision, entry.kind.rawValue, entry.row, entry.upstreamId])
            }
        }
    }

    /// Parks entries the server refused as invalid, with its reason, until `retryParkedMirror()`.
    /// A later change to the record queues it again.
    public func parkMirror(_ entries: [MirrorEntry], reason: String) throws(StoreError) {
        try update { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE mirror_outbox SET state = 2, reason = ?, attempts = attempts + 1
                    WHERE kind = ? AND row_id = ? AND queued_seq <= ?
                    """)
            for entry in entries {
                try statement.execute(arguments: [reason, entry.kind.rawValue, entry.row, entry.revision])
            }
        }
    }

    /// Queues every parked entry again (`turnscope mirror retry`); returns how many.
    @discardableResult
    public func retryParkedMirror() throws(StoreError) -> Int {
        try update { db in
            try db.execute(sql: "UPDATE mirror_outbox SET state = 0, reason = NULL WHERE state = 2")
            return db.changesCount
        }
    }

    /// Queues records written while the mirror was off (`turnscope mirror backfill`): every trace
    /// and score, or those of one session, or those that started at or after `since`. Already
    /// delivered ones are sent again whole. Returns how many traces and scores were queued.
    @discardableResult
    public func backfillMirror(session: String? = nil, since: Timestamp? = nil) throws(StoreError) -> Int {
        try update { db in
            var conditions: [String] = []
            var arguments: [DatabaseValueConvertible?] = []
            if let session {
                guard let row = try Int64.fetchOne(db, sql: "SELECT id FROM sessions WHERE key = ?", arguments: [session])
                else { throw StoreError("no session \(session)") }
                conditions.append("session_id = ?")
                arguments.append(row)
            }
            if let since {
                conditions.append("start_at >= ?")
                arguments.append(since.microseconds)
            }
            let filter = conditions.isEmpty ? " WHERE true" : " WHERE " + conditions.joined(separator: " AND ")
            let seq = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'change_seq'") ?? 0
            let upsert = "ON CONFLICT (kind, row_id) DO UPDATE SET queued_seq = excluded.queued_seq, sent_seq = NULL, state = 0, reason = NULL"
            try db.execute(
                sql: "INSERT INTO mirror_outbox (kind, row_id, queued_seq, state) SELECT 0, id, ?, 0 FROM traces\(filter) \(upsert)",
                arguments: StatementArguments([seq] + arguments))
            var count = db.changesCount
            var scoreConditions: [String] = []
            var scoreArguments: [DatabaseValueConvertible?] = [seq]
            if let session {
                scoreConditions.append("(session_key = ? OR trace_key IN (SELECT key FROM traces WHERE session_id = (SELECT id FROM sessions WHERE key = ?)))")
                scoreArguments += [session, session]
            }
            if let since {
                scoreConditions.append("timestamp >= ?")
                scoreArguments.append(since.microseconds)
            }
            let scoreFilter = scoreConditions.isEmpty ? " WHERE true" : " WHERE " + scoreConditions.joined(separator: " AND ")
            try db.execute(
                sql: "INSERT INTO mirror_outbox (kind, row_id, queued_seq, state) SELECT 1, id, ?, 0 FROM scores\(scoreFilter) \(upsert)",
                arguments: StatementArguments(scoreArguments))
            count += db.changesCount
            return count
        }
    }

    /// Runs a write transaction, mapping database errors to one-line messages.
    func update<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("write failed: \(Self.describe(error))")
        }
    }
}
