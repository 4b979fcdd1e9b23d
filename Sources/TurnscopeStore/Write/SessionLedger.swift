import GRDB

/// Session aggregate changes gathered during one write transaction and applied once per session at
/// the end, so a batch of a hundred turns of one session updates its row once.
struct SessionLedger {
    private var pending: [Int64: Entry] = [:]
    /// Sessions that lost or gained a whole trace: recounted from their rows instead.
    private(set) var recount: Set<Int64> = []

    struct Entry {
        var delta = SessionTally()
        var label: String?
        /// The trace whose prompt `label` is; nil for a trace name or a client's label.
        var labelTrace: Int64?
        var userId: String?
        var loaded = false
        var storedModels: Set<String> = []
        var storedLabel: String?
        var storedUser: String?
    }

    mutating func apply(_ tally: SessionTally, minus old: SessionTally?, to session: Int64) {
        pending[session, default: Entry()].delta.add(tally, sign: 1)
        if let old { pending[session, default: Entry()].delta.add(old, sign: -1) }
    }

    /// Offers a label (a first user message, a trace name); the first one offered sticks. `trace`
    /// names the trace whose prompt it is, so that it can move with that trace.
    mutating func offer(label: String?, userId: String?, to session: Int64, trace: Int64? = nil) {
        var entry = pending[session, default: Entry()]
        if entry.label == nil, let label {
            entry.label = label
            entry.labelTrace = trace
        }
        if entry.userId == nil { entry.userId = userId }
        pending[session] = entry
    }

    mutating func markForRecount(_ session: Int64) { recount.insert(session) }

    /// The label `trace` offered `session` in this transaction, taken back from it.
    mutating func takeLabel(offeredBy trace: Int64, in session: Int64) -> String? {
        guard let entry = pending[session], entry.labelTrace == trace, let label = entry.label else { return nil }
        pending[session]?.label = nil
        pending[session]?.labelTrace = nil
        return label
    }

    /// Writes the gathered changes, then recounts sessions that traces moved between.
    func flush(_ db: Database, changeSeq: Int64) throws {
        let select = try db.cachedStatement(sql: "SELECT models, label, user_id, label_trace_id FROM sessions WHERE id = ?")
        let update = try db.cachedStatement(
            sql: """
                UPDATE sessions SET
                    trace_count = trace_count + ?, turn_count = turn_count + ?, error_count = error_count + ?,
                    input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,
                    cache_read_tokens = cache_read_tokens + ?, cache_write_tokens = cache_write_tokens + ?,
                    reasoning_tokens = reasoning_tokens + ?, cost_usd = cost_usd + ?,
                    unpriced_turns = unpriced_turns + ?,
                    first_at = min(coalesce(first_at, ?), coalesce(?, first_at)),
                    last_at = max(coalesce(last_at, ?), coalesce(?, last_at)),
                    models = ?, label = ?, user_id = ?, change_seq = ?, label_trace_id = ?
                WHERE id = ?
                """)
        for (session, entry) in pending where !recount.contains(session) {
            guard let row = try Row.fetchOne(select, arguments: [session]) else { continue }
            var models = Set(((row[0] as String?) ?? "").split(separator: ",").map(String.init))
            models.formUnion(entry.delta.models)
            let d = entry.delta
            try update.execute(arguments: [
                d.traces, d.turns, d.errors, d.inputTokens, d.outputTokens, d.cacheReadTokens, d.cacheWriteTokens,
                d.reasoningTokens, d.cost, d.unpricedTurns, d.firstAt, d.firstAt, d.lastAt, d.lastAt,
                models.sorted().joined(separator: ","), (row[1] as String?) ?? entry.label,
                (row[2] as String?) ?? entry.userId, changeSeq,
                (row[1] as String?) != nil ? (row[3] as Int64?) : entry.labelTrace, session,
            ])
        }
        for session in recount {
            try Self.recount(
                db, session: session, label: pending[session]?.label, labelTrace: pending[session]?.labelTrace,
                userId: pending[session]?.userId, changeSeq: changeSeq)
        }
    }

    /// Recomputes a session's aggregates from its rows; removes an automatic session left empty.
    static func recount(
        _ db: Database, session: Int64, label: String?, labelTrace: Int64? = nil, userId: String?, changeSeq: Int64
    ) throws {
        let traces = try Int64.fetchOne(db, sql: "SELECT count(*) FROM traces WHERE session_id = ?", arguments: [session]) ?? 0
        if traces == 0 {
            try db.execute(sql: "DELETE FROM sessions WHERE id = ? AND auto_group IS NOT NULL", arguments: [session])
        }
        try db.execute(
            sql: """
                UPDATE sessions SET
                    trace_count = ?1,
                    turn_count = (SELECT count(*) FROM observations WHERE session_id = ?2 AND kind = 'generation'),
                    error_count = (SELECT count(*) FROM observations WHERE session_id = ?2 AND level = 'ERROR'),
                    input_tokens = (SELECT coalesce(sum(input_tokens), 0) FROM observations WHERE session_id = ?2),
                    output_tokens = (SELECT coalesce(sum(output_tokens), 0) FROM observations WHERE session_id = ?2),
                    cache_read_tokens = (SELECT coalesce(sum(cache_read_tokens), 0) FROM observations WHERE session_id = ?2),
                    cache_write_tokens = (SELECT coalesce(sum(coalesce(cache_write_5m_tokens, 0) + coalesce(cache_write_1h_tokens, 0)), 0) FROM observations WHERE session_id = ?2),
                    reasoning_tokens = (SELECT coalesce(sum(reasoning_tokens), 0) FROM observations WHERE session_id = ?2),
                    cost_usd = (SELECT coalesce(sum(cost_usd), 0) FROM observations WHERE session_id = ?2),
                    unpriced_turns = (SELECT count(*) FROM observations WHERE session_id = ?2 AND \(ObservationRow.unpricedCondition)),
                    first_at = (SELECT min(t) FROM (SELECT min(start_at) AS t FROM traces WHERE session_id = ?2
                                UNION ALL SELECT min(start_at) FROM observations WHERE session_id = ?2)),
                    last_at = (SELECT max(t) FROM (SELECT max(start_at) AS t FROM traces WHERE session_id = ?2
                               UNION ALL SELECT max(coalesce(end_at, start_at)) FROM observations WHERE session_id = ?2)),
                    models = coalesce((SELECT group_concat(model, ',') FROM (SELECT DISTINCT model FROM observations
                              WHERE session_id = ?2 AND model IS NOT NULL ORDER BY model)), ''),
                    label_trace_id = CASE WHEN label IS NULL THEN ?6 ELSE label_trace_id END,
                    label = coalesce(label, ?3), user_id = coalesce(user_id, ?4), change_seq = ?5
                WHERE id = ?2
                """, arguments: [traces, session, label, userId, changeSeq, labelTrace])
    }
}
