import GRDB
import TurnscopeModel

/// The traces and scores one write transaction touched, queued in the mirror outbox when it ends.
///
/// One upsert per trace rather than per observation: an OTLP export of 512 spans touches a few
/// traces, and the drainer finds the changed observations by their change sequence.
///
/// A trace in a coding agent's session is queued only when the user asked for agents to be
/// mirrored (`--mirror-agents`), whichever way its records came: an agent's telemetry merges with
/// its transcript into the same turns, and setting LANGFUSE_* for an app is no consent to send
/// one's coding sessions anywhere. The session's source is read when the transaction ends, once
/// every session record of the batch has been written.
struct MirrorQueue {
    var traces: Set<Int64> = []
    var scores: [String] = []
    /// Whether traces of agents' sessions are queued too.
    var includesAgents: Bool

    init(includesAgents: Bool) { self.includesAgents = includesAgents }

    func flush(_ db: Database, changeSeq: Int64) throws {
        if !traces.isEmpty {
            let agents = SessionSource.agents.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO mirror_outbox (kind, row_id, queued_seq, state)
                    SELECT 0, t.id, ?1, 0 FROM traces t LEFT JOIN sessions s ON s.id = t.session_id
                    WHERE t.id = ?2 AND (?3 OR s.source IS NULL OR s.source NOT IN (\(agents)))
                    ON CONFLICT (kind, row_id) DO UPDATE SET queued_seq = excluded.queued_seq, state = 0
                    """)
            for trace in traces { try statement.execute(arguments: [changeSeq, trace, includesAgents]) }
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
