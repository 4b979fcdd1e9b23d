import GRDB
import TurnscopeModel

/// One model call seen by several sources: a coding agent's transcript, the agent's log events,
/// and a span (the agent's own, or any other capture of the call). Each names the call by its own
/// id (`claude-code:msg_…`, `events:claude-code:req_…`, an OpenTelemetry span id), and custom
/// endpoints write no request id they could share, so a new row is matched to a stored one by
/// what the call itself fixes: the session, the model, identical usage, and a start (or an end)
/// within two seconds. Where both name the API's request id (Claude Code's transcript `requestId`,
/// its events' and spans' `request_id`, the proxy's) or the response's id (the proxy's, Codex's
/// rollout, Claude Code's message id) it must agree: an agent's consecutive calls can count the
/// same tokens milliseconds apart, and time alone then pairs them wrongly. It then merges into the stored row,
/// and its id becomes an alias of that row, so that its later updates merge there too. A row takes
/// at most one record of each kind.
enum ObservationTwin {
    /// How far apart two sources' start (or end) times may be.
    static let window: Int64 = 2_000_000
    /// How much earlier than its recorded start a call may have begun when its record starts late:
    /// an exporter that logs a call's usage without its request, or a span around its last stream
    /// event only (both Codex's).
    static let eventsLead: Int64 = 600_000_000

    /// Which kind of source a record's id says it came from.
    enum Capture: Int, Sendable {
        /// An agent's transcript read from disk.
        case transcript = 0
        /// An agent's OpenTelemetry log events.
        case events = 1
        /// Anything else: spans, Langfuse events, native records.
        case other = 2
        /// The pass-through proxy's record of the call on the wire.
        case proxy = 3

        /// The kind of the record or row with this key.
        init(key: String) {
            if key.hasPrefix("claude-code:") || key.hasPrefix("codex:") {
                self = .transcript
            } else if key.hasPrefix("events:") {
                self = .events
            } else if key.hasPrefix("proxy:") {
                self = .proxy
            } else {
                self = .other
            }
        }

        /// `Capture(key:)` in SQL, for a key column.
        static func sql(_ column: String) -> String {
            """
            CASE WHEN \(column) LIKE 'claude-code:%' OR \(column) LIKE 'codex:%' THEN 0 \
            WHEN \(column) LIKE 'events:%' THEN 1 WHEN \(column) LIKE 'proxy:%' THEN 3 ELSE 2 END
            """
        }
    }

    /// Whether `key` names a record read from an agent's transcript.
    static func isTranscript(_ key: String) -> Bool { Capture(key: key) == .transcript }

    /// The row of the stored generation that `record`, not stored yet, describes again from
    /// another kind of source; nil when there is none. A candidate naming the call by the same
    /// request or response id wins, one naming another is never taken (`CallNames`); else the one
    /// closest in time wins. A row that already holds a record of this kind is not matched again.
    static func find(
        _ db: Database, record: ObservationRecord, session: Int64, sources: inout SessionSources
    ) throws -> Int64? {
        guard record.kind == .generation, let start = record.startTime?.microseconds, let usage = record.usage,
            usage.output != nil
        else { return nil }
        // A span may name no model (Codex's `handle_responses`, which holds the call's usage, is
        // four spans below the one that names it): it matches a call of any model, and a stored
        // row without a model matches any.
        let model = record.model
        let capture = Capture(key: record.id)
        // Only an agent's session can hold several kinds: a span into any other session (every
        // Langfuse or OTLP application's) costs a look at the session's source, read once per
        // transaction, not a search among the session's calls.
        if capture == .other || capture == .proxy {
            guard let source = try sources.source(of: session, in: db), SessionSource.agents.contains(source) else { return nil }
        }
        let end = record.endTime?.microseconds ?? start
        // Log events and a span that holds only a call's last stream event (it names no model)
        // may start late, up to the call's end: their twin is searched back further.
        let earliest = start - (capture == .events || model == nil ? eventsLead : window)
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, key, metadata, shared_metadata FROM observations
                WHERE session_id = ?1 AND kind = 'generation' AND start_at BETWEEN ?2 AND ?3
                    AND (?4 IS NULL OR model IS NULL OR model = ?4)
                    AND (abs(start_at - ?5) <= ?6 OR abs(coalesce(end_at, start_at) - ?7) <= ?6)
                    AND input_tokens IS ?8 AND output_tokens IS ?9 AND coalesce(cache_read_tokens, 0) = ?10
                    AND coalesce(cache_write_5m_tokens, 0) + coalesce(cache_write_1h_tokens, 0) = ?11
                    AND \(Capture.sql("key")) != ?12
                    AND NOT EXISTS (
                        SELECT 1 FROM observation_aliases a
                        WHERE a.observation_id = observations.id AND \(Capture.sql("a.key")) = ?12)
                ORDER BY min(abs(start_at - ?5), abs(coalesce(end_at, start_at) - ?7))
                """)
        var blobs = BlobReader(db: db)
        let candidates = try Row.fetchAll(
            statement,
            arguments: [
                session, earliest, end + window, model, start, window, end, usage.input, usage.output,
                usage.cacheRead ?? 0, usage.cacheWrite, capture.rawValue,
            ]
        ).map { row in
            let metadata = try ObservationRow.callMetadata(own: row[2], shared: row[3], blobs: &blobs)
            return (id: row[0] as Int64, names: CallNames(key: StoredKey.key(row[1]) ?? "", metadata: metadata))
        }
        let names = CallNames(key: record.id, metadata: record.metadata)
        // A candidate naming the call as this record does wins; one naming another call is never
        // taken; else the closest in time.
        return (candidates.first { names.agrees(with: $0.names) == true }
            ?? candidates.first { names.agrees(with: $0.names) == nil })?.id
    }

    /// How far apart two spans of one call in one trace may start.
    static let sameTraceWindow: Int64 = 60_000_000

    /// The stored generation in the same trace that names the same provider response as `record`,
    /// a span not stored yet: two instrumentations of one call (the anthropic SDK's own span and
    /// OpenInference's or OpenLLMetry's around it), which would otherwise show as two turns. The
    /// response id is the provider's, one per call, so usage need not agree (each may count it its
    /// own way); the trace and a minute's window keep the search to a few rows of one index.
    static func sameCall(_ db: Database, record: ObservationRecord, trace: Int64) throws -> Int64? {
        guard record.kind == .generation, Capture(key: record.id) == .other,
            let responseId = record.metadata?["responseId"]?.stringValue,
            let start = record.startTime?.microseconds ?? record.eventTime?.microseconds
        else { return nil }
        let statement = try db.cachedStatement(
            sql: """
                SELECT id FROM observations
                WHERE trace_id = ?1 AND start_at BETWEEN ?2 AND ?3 AND kind = 'generation' AND key != ?4
                    AND metadata IS NOT NULL AND json_extract(metadata, '$.responseId') = ?5
                LIMIT 1
                """)
        return try Int64.fetchOne(
            statement,
            arguments: [trace, start - sameTraceWindow, start + sameTraceWindow, record.id, responseId])
    }

    /// The ids the provider gave a call, as each source records them: the API's request id
    /// (`request_id` in an agent's log events or a span's attributes, `requestId` in Claude Code's
    /// transcript and the proxy's record) and the response's own id (`responseId` in the proxy's
    /// record and Codex's rollout; the message id a Claude Code transcript record is keyed by).
    struct CallNames: Equatable {
        var requestId: String?
        var responseId: String?

        init(key: String, metadata: JSONValue?) {
            requestId = ObservationTwin.requestId(in: metadata)
            responseId = metadata?["responseId"]?.stringValue
            if responseId == nil, key.hasPrefix("claude-code:msg_") { responseId = String(key.dropFirst("claude-code:".count)) }
        }

        /// true when both name the call by an id and every id both name agrees; false when one
        /// disagrees; nil when they share no id to compare.
        func agrees(with other: CallNames) -> Bool? {
            var compared = false
            for (mine, theirs) in [(requestId, other.requestId), (responseId, other.responseId)] {
                guard let mine, let theirs else { continue }
                if mine != theirs { return false }
                compared = true
            }
            return compared ? true : nil
        }
    }

    /// The API's request id a record's metadata names: `request_id` (an agent's log events, or a
    /// span's attribute of that name, as Claude Code's `llm_request` has), `requestId` (Claude
    /// Code's transcript).
    static func requestId(in metadata: JSONValue?) -> String? {
        metadata?["request_id"]?.stringValue ?? metadata?["requestId"]?.stringValue
            ?? metadata?["attributes"]?["request_id"]?.stringValue
    }

    /// Whether row `id` (with key `key`) holds the proxy's record of its call, as its own key or
    /// as an alias; `aliasesExist` false skips the lookup.
    static func holdsWire(_ db: Database, id: Int64, key: String, aliasesExist: Bool) throws -> Bool {
        if Capture(key: key) == .proxy { return true }
        guard aliasesExist else { return false }
        let statement = try db.cachedStatement(
            sql: "SELECT 1 FROM observation_aliases WHERE observation_id = ? AND key LIKE 'proxy:%' LIMIT 1")
        return try Bool.fetchOne(statement, arguments: [id]) != nil
    }

    /// How `record` merges into the stored `row`: the proxy's record is the exact wire (the
    /// request and response as sent), so whichever arrived first it wins over another source's
    /// record of the same call, which only fills what it lacks (a transcript's tool results in
    /// its messages, say). Between any other two, the newer wins (`MergePolicy`).
    static func policy(
        _ db: Database, record: ObservationRecord, row: ObservationRow?, aliasesExist: Bool
    ) throws -> MergePolicy {
        let byTime = MergePolicy(stored: row?.eventAt.map(Timestamp.init(microseconds:)), incoming: record.eventTime)
        guard let row else { return byTime }
        if Capture(key: record.id) == .proxy {
            return Capture(key: row.key) == .proxy ? byTime : MergePolicy(incomingWins: true)
        }
        guard row.kind == ObservationKind.generation.rawValue,
            try holdsWire(db, id: row.id, key: row.key, aliasesExist: aliasesExist)
        else { return byTime }
        return MergePolicy(incomingWins: false)
    }

    /// Folds `row`, stored before it could be matched, into its twin `id`: its key (and any alias
    /// of it) names the twin from now on, its children hang under the twin, and the row goes. What
    /// it held is written again by the record that made it matchable, which carries the whole call.
    static func fold(_ db: Database, row: ObservationRow, into id: Int64) throws {
        let twinKey = try DatabaseValue.fetchOne(db, sql: "SELECT key FROM observations WHERE id = ?", arguments: [id])
            .flatMap(StoredKey.key) ?? row.key
        try alias(db, key: row.key, to: id)
        try db.execute(sql: "UPDATE observation_aliases SET observation_id = ? WHERE observation_id = ?", arguments: [id, row.id])
        try db.execute(sql: "UPDATE observations SET parent_key = ? WHERE parent_key = ?", arguments: [StoredKey.argument(twinKey), StoredKey.argument(row.key)])
        // Search finds a blob's trace through the observation that first stored it.
        let columns = [row.input, row.output, row.tools, row.sharedMetadata, row.modelParameters?.reference]
        let blobIds = columns.flatMap { $0.flatMap(PayloadColumn.init(data:))?.blobIds ?? [] }
        if !blobIds.isEmpty {
            try db.execute(
                sql: "UPDATE blobs SET first_observation_id = ? WHERE first_observation_id = ? AND id IN (\(blobIds.map(String.init).joined(separator: ",")))",
                arguments: [id, row.id])
        }
        try db.execute(sql: "DELETE FROM observations WHERE id = ?", arguments: [row.id])
    }

    /// Makes `key` name row `id` from now on.
    static func alias(_ db: Database, key: String, to id: Int64) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO observation_aliases (key, observation_id) VALUES (?, ?)")
            .execute(arguments: [key, id])
    }

    /// The key of the row `key` is an alias of, else `key` itself: a child names its parent by
    /// the id its own source knows, which may be the parent's alias.
    static func resolve(_ db: Database, key: String) throws -> String {
        let statement = try db.cachedStatement(
            sql: "SELECT o.key FROM observation_aliases a JOIN observations o ON o.id = a.observation_id WHERE a.key = ?")
        return try DatabaseValue.fetchOne(statement, arguments: [key]).flatMap(StoredKey.key) ?? key
    }
}
