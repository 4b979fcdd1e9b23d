import GRDB

/// The traces and scores one write transaction touched, queued in the mirror outbox when it ends.
///
/// One upsert per trace rather than per observation: an OTLP export of 512 spans touches a few
/// traces, and the drainer finds the changed observations by their change sequence.
struct MirrorQueue {
    var traces: Set<Int64> = []
    var scores: [String] = []

    func flush(_ db: Database, changeSeq: Int64) throws {
        if !traces.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO mirror_outbox (kind, row_id, queued_seq, state) VALUES (0, ?, ?, 0)
                    ON CONFLICT (kind, row_id) DO UPDATE SET queued_seq = excluded.queued_seq, state = 0
                    """)
            for trace in traces { try statement.execute(arguments: [trace, changeSeq]) }
        }
        if !scores.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO mirror_outbox (kind, row_id, queued_seq, state) SELECT 1, id, ?, 0 FROM scores WHERE key = ?
                    ON CONFLICT (kind, row_id) DO UPDATE SET queued_seq = excluded.queued_seq, state = 0
                    """)
            for score in scores { try statement.execute(arguments: [changeSeq, score]) }
        }
    }
}
