import GRDB
import TurnscopeModel

extension TraceStore {
    /// The outbox counts and what the drainer last reported.
    public func mirrorCounts() throws(StoreError) -> MirrorCounts {
        try read { db in
            var counts = MirrorCounts()
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM mirror_outbox GROUP BY state") {
                let state: Int = row[0]
                let count: Int = row[1]
                switch state {
                case 0: counts.pending = count
                case 1: counts.sent = count
                default: counts.failed = count
                }
            }
            let state = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM mirror_state").map {
                    ($0[0] as String, $0[1] as DatabaseValue)
                })
            counts.destination = state["destination"].flatMap { String.fromDatabaseValue($0) }
            counts.transport = state["transport"].flatMap { String.fromDatabaseValue($0) }
            counts.lastError = state["last_error"].flatMap { String.fromDatabaseValue($0) }
            counts.lastErrorTime = state["last_error_at"].flatMap { Int64.fromDatabaseValue($0) }.map(Timestamp.init(microseconds:))
            counts.lastSuccessTime = state["last_success_at"].flatMap { Int64.fromDatabaseValue($0) }
                .map(Timestamp.init(microseconds:))
            return counts
        }
    }

    /// The reasons parked entries were refused for, most common first, with how many each.
    public func mirrorFailures(limit: Int = 10) throws(StoreError) -> [(reason: String, count: Int)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT coalesce(reason, '?'), count(*) AS n FROM mirror_outbox WHERE state = 2 GROUP BY 1 ORDER BY n DESC LIMIT ?",
                arguments: [limit]
            ).map { ($0[0], $0[1]) }
        }
    }

    /// Records what the drainer did: where it sends (host only: keys are never stored), with which
    /// protocol, and either a success or the error it met.
    public func noteMirrorAttempt(destination: String, transport: String, error: String?, at time: Timestamp) throws(StoreError) {
        try update { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO mirror_state (key, value) VALUES (?, ?)")
            try statement.execute(arguments: ["destination", destination])
            try statement.execute(arguments: ["transport", transport])
            if let error {
                try statement.execute(arguments: ["last_error", error])
                try statement.execute(arguments: ["last_error_at", time.microseconds])
            } else {
                try statement.execute(arguments: ["last_success_at", time.microseconds])
            }
        }
    }

    /// Where each of these observations stands with the mirror; observations whose trace was never
    /// queued (the mirror was off) have no mark.
    public func mirrorMarks(observations keys: [String]) throws(StoreError) -> [String: MirrorMark] {
        guard !keys.isEmpty else { return [:] }
        return try read { db in
            let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.key, o.change_seq, m.state, m.sent_seq, m.reason FROM observations o
                    JOIN mirror_outbox m ON m.kind = 0 AND m.row_id = o.trace_id WHERE o.key IN (\(placeholders))
                    """, arguments: StatementArguments(keys.map(StoredKey.argument)))
            var marks: [String: MirrorMark] = [:]
            for row in rows {
                guard let key = StoredKey.key(row[0]) else { continue }
                let state: Int = row[2]
                let changeSeq: Int64 = row[1]
                let sentSeq: Int64? = row[3]
                if let sentSeq, changeSeq <= sentSeq {
                    marks[key] = .mirrored
                } else if state == 2 {
                    marks[key] = .failed(reason: row[4] ?? "refused")
                } else {
                    marks[key] = .pending
                }
            }
            return marks
        }
    }

    /// The Langfuse address of the trace holding this observation, once it was delivered:
    /// `{host}/trace/{id}`, which Langfuse redirects to the trace in its project.
    public func mirrorLink(observation key: String) throws(StoreError) -> String? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT m.upstream_id, (SELECT value FROM mirror_state WHERE key = 'destination') FROM observations o
                        JOIN mirror_outbox m ON m.kind = 0 AND m.row_id = o.trace_id WHERE o.key = ?
                        """, arguments: [StoredKey.argument(key)]),
                let upstream = row[0] as String?, let host = row[1] as String?
            else { return nil }
            return "\(host)/trace/\(upstream)"
        }
    }
}
