import GRDB
import TurnscopeModel

/// One model call seen by two sources: a coding agent's transcript, and the agent's own telemetry
/// or a capture of the call. Each names the call by its own id (`claude-code:msg_…` against an
/// OpenTelemetry span id), and custom endpoints write no request id both could share, so the
/// second one to arrive is matched to the first by what the call itself fixes: the session, the
/// model, identical usage, and a start within two seconds. It then merges into the first one's
/// row, and its id becomes an alias of that row, so that its later updates merge there too.
enum ObservationTwin {
    /// How far apart the two sources' start times may be.
    static let window: Int64 = 2_000_000

    /// Whether `key` names a record read from an agent's transcript.
    static func isTranscript(_ key: String) -> Bool {
        key.hasPrefix("claude-code:") || key.hasPrefix("codex:")
    }

    /// The row of the stored generation that `record`, not stored yet, describes again from the
    /// other kind of source (transcript against anything else); nil when there is none. Of
    /// several candidates the one that started closest wins; a row already matched is not matched
    /// again.
    static func find(_ db: Database, record: ObservationRecord, session: Int64) throws -> Int64? {
        guard record.kind == .generation, let start = record.startTime?.microseconds, let model = record.model,
            let usage = record.usage, usage.output != nil
        else { return nil }
        // Only an agent's session can hold both kinds: telemetry into any other session (every
        // Langfuse or OTLP application's) costs one primary-key read here, not a search among
        // the session's calls.
        if !isTranscript(record.id) {
            let source = try String.fetchOne(
                db.cachedStatement(sql: "SELECT source FROM sessions WHERE id = ?"), arguments: [session])
            guard let source, SessionSource.agents.contains(source) else { return nil }
        }
        let statement = try db.cachedStatement(
            sql: """
                SELECT id FROM observations
                WHERE session_id = ? AND kind = 'generation' AND start_at BETWEEN ? AND ? AND model = ?
                    AND input_tokens IS ? AND output_tokens IS ? AND coalesce(cache_read_tokens, 0) = ?
                    AND coalesce(cache_write_5m_tokens, 0) + coalesce(cache_write_1h_tokens, 0) = ?
                    AND (key LIKE 'claude-code:%' OR key LIKE 'codex:%') = ?
                    AND id NOT IN (SELECT observation_id FROM observation_aliases)
                ORDER BY abs(start_at - ?) LIMIT 1
                """)
        return try Int64.fetchOne(
            statement,
            arguments: [
                session, start - window, start + window, model, usage.input, usage.output, usage.cacheRead ?? 0,
                usage.cacheWrite, !isTranscript(record.id), start,
            ])
    }

    /// Makes `key` name row `id` from now on.
    static func alias(_ db: Database, key: String, to id: Int64) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO observation_aliases (key, observation_id) VALUES (?, ?)")
            .execute(arguments: [key, id])
    }
}
