import Foundation
import GRDB
import TurnscopeModel

/// One batch of records written inside one SQLite transaction: merges each record into its row,
/// stores payloads once, and keeps session aggregates current.
struct WriteTransaction {
    let db: Database
    let changeSeq: Int64
    let client: String
    let pricing: PriceTable
    let now: Int64
    var blobs: BlobWriter
    var ledger = SessionLedger()
    /// The usage aggregate's differences (the stats screen's sums by day and model).
    var usage = UsageLedger()
    /// The outbox entries this transaction queues for the mirror; nil while the mirror is off, so
    /// records written then are not sent later by surprise.
    private var mirrorQueue: MirrorQueue?
    /// Traces read or written in this transaction, saved once at the end: an OTLP export repeats
    /// trace attributes on every span, and merging them in memory saves a read and a write each.
    private var traceRows: [String: PendingTrace] = [:]
    /// Proxy traces a call left for its agent's trace (`placeInAgentTrace`): removed at the end when empty.
    private var vacatedTraces: Set<Int64> = []

    private struct PendingTrace {
        var row: TraceRow
        var isStored: Bool
        var isDirty: Bool
        /// The row's tags and metadata as values while the transaction merges into them, encoded
        /// into the row once at the end: spans repeat them, and parsing the stored JSON again for
        /// each one cost more than the merge.
        var merged: MergedFields?
    }

    private struct MergedFields {
        var tags: [String]?
        var metadata: JSONValue?
    }
    private var sessions: [String: Int64] = [:]
    private var sessionSources = SessionSources()
    /// Whether any observation has an alias (ObservationTwin); read once per transaction.
    private var aliasesExist: Bool
    private var nextTraceId: Int64
    private var nextObservationId: Int64

    /// How close in time two traces without a session id must be to share an automatic session.
    static let autoSessionGap: Int64 = 30 * 60 * 1_000_000

    init(
        db: Database, changeSeq: Int64, client: String, pricing: PriceTable, memory: WriterMemory, queuesForMirror: Bool,
        mirrorsAgents: Bool
    ) throws {
        self.db = db
        mirrorQueue = queuesForMirror ? MirrorQueue(includesAgents: mirrorsAgents) : nil
        self.changeSeq = changeSeq
        self.client = client
        self.pricing = pricing
        now = Timestamp.now.microseconds
        blobs = BlobWriter(db: db, memory: memory)
        // Row ids are allocated here so that blobs can name the observation that first sent them
        // before its row is written. The writer is SQLite's only writer inside the transaction.
        nextTraceId = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM traces") ?? 0) + 1
        nextObservationId = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM observations") ?? 0) + 1
        aliasesExist = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM observation_aliases)") ?? false
    }

    mutating func write(_ record: TurnscopeModel.Record) throws {
        switch record {
        case .trace(let trace): try write(trace)
        case .observation(let observation): try write(observation)
        case .score(let score): try write(score)
        case .session(let session): try write(session)
        }
    }

    mutating func finish() throws {
        for pending in traceRows.values where pending.isDirty {
            var row = pending.row
            if let merged = pending.merged {
                row.tags = merged.tags.map(Self.encodeTags)
                row.metadata = Self.encodeJSON(merged.metadata)
            }
            try row.save(db, changeSeq: changeSeq, isNew: !pending.isStored)
        }
        for trace in vacatedTraces {
            guard
                let session = try Int64.fetchOne(
                    db, sql: "SELECT session_id FROM traces WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM observations WHERE trace_id = ?1)",
                    arguments: [trace])
            else { continue }
            try db.execute(sql: "DELETE FROM traces WHERE id = ?", arguments: [trace])
            try db.execute(sql: "DELETE FROM mirror_outbox WHERE kind = 0 AND row_id = ?", arguments: [trace])
            mirrorQueue?.traces.remove(trace)
            ledger.markForRecount(session)
        }
        try ledger.flush(db, changeSeq: changeSeq)
        try usage.flush(db)
        try blobs.indexPendingText()
        try mirrorQueue?.flush(db, changeSeq: changeSeq)
    }

    // MARK: Traces

    private mutating func write(_ record: TraceRecord) throws {
        let cached = try cachedTrace(key: record.id)
        let existing = cached?.row
        let policy = MergePolicy(stored: existing?.eventAt.map(Timestamp.init(microseconds:)), incoming: record.eventTime)
        var row = existing ?? TraceRow(id: allocateTraceId(), key: record.id, sessionId: 0)
        row.sessionKey = policy.pick(row.sessionKey, record.sessionId)
        row.name = policy.pick(row.name, record.name)
        row.userId = policy.pick(row.userId, record.userId)
        row.settle(start: record.timestamp, eventTime: record.eventTime, now: now)
        var merged = cached?.merged
            ?? MergedFields(tags: row.tags.flatMap(Self.decodeTags), metadata: Self.decodeJSON(row.metadata))
        merged.tags = policy.tags(merged.tags, record.tags)
        merged.metadata = policy.metadata(merged.metadata, record.metadata)
        row.release = policy.pick(row.release, record.release)
        row.version = policy.pick(row.version, record.version)
        row.environment = policy.first(row.environment, record.environment)
        row.isPublic = policy.pick(row.isPublic, record.isPublic)
        row.eventAt = [row.eventAt, record.eventTime?.microseconds].compactMap { $0 }.max()

        let target: Int64
        if let key = row.sessionKey {
            target = try session(key: key)
        } else if let existing {
            target = existing.sessionId
        } else {
            target = try autoSession(userId: row.userId, service: record.service, at: row.startAt ?? now)
        }
        if let existing, existing.sessionId != target {
            try moveLabel(ofTrace: row.id, from: existing.sessionId, to: target)
            try db.execute(
                sql: "UPDATE observations SET session_id = ?, change_seq = ? WHERE trace_id = ?",
                arguments: [target, changeSeq, row.id])
            ledger.markForRecount(existing.sessionId)
            ledger.markForRecount(target)
        }
        row.sessionId = target
        if let input = record.input, policy.incomingWins || row.input == nil {
            // A trace's input is usually its first call's prompt, which starts like the session's
            // last prompt: matched against it, only the new messages are fingerprinted. It is not
            // remembered as the session's prompt, which stays the last generation's.
            row.input = try blobs.column(for: input, observation: nil, trace: row.id, session: target, remember: false)
            // An agent's log events give the user's prompt only as the trace's input.
            if let label = Self.firstUserText(input) { ledger.offer(label: label, userId: nil, to: target, trace: row.id) }
        }
        if let output = record.output, policy.incomingWins || row.output == nil {
            row.output = try blobs.column(for: output, observation: nil, trace: row.id)
        }
        var tally = SessionTally()
        tally.traces = existing == nil ? 1 : 0
        tally.widen(row.startAt)
        ledger.apply(tally, minus: nil, to: target)
        ledger.offer(label: nil, userId: row.userId, to: target)
        traceRows[row.key] = PendingTrace(row: row, isStored: cached?.isStored ?? false, isDirty: true, merged: merged)
        mirrorQueue?.traces.insert(row.id)
    }

    /// A trace that moves to another session (its parent span, arriving late, named the session)
    /// takes the label its prompt gave the session it leaves, whether offered in this transaction
    /// or stored before: the session it joins gets it, and the one it leaves no longer shows it.
    private mutating func moveLabel(ofTrace trace: Int64, from old: Int64, to new: Int64) throws {
        if let label = ledger.takeLabel(offeredBy: trace, in: old) {
            ledger.offer(label: label, userId: nil, to: new, trace: trace)
        }
        let stored = try String.fetchOne(
            db.cachedStatement(sql: "SELECT label FROM sessions WHERE id = ? AND label_trace_id = ?"), arguments: [old, trace])
        guard let stored else { return }
        try db.cachedStatement(sql: "UPDATE sessions SET label = NULL, label_trace_id = NULL WHERE id = ?").execute(arguments: [old])
        ledger.offer(label: stored, userId: nil, to: new, trace: trace)
    }

    /// The trace with this key as this transaction knows it: from the cache, else from the table.
    private mutating func cachedTrace(key: String) throws -> PendingTrace? {
        if let pending = traceRows[key] { return pending }
        guard let row = try TraceRow.fetch(db, key: key) else { return nil }
        let pending = PendingTrace(row: row, isStored: true, isDirty: false)
        traceRows[key] = pending
        return pending
    }

    // MARK: Observations

    private mutating func write(_ record: ObservationRecord) throws {
        var existing = try ObservationRow.fetch(db, key: record.id, aliases: aliasesExist)
        if existing == nil, record.kind == .generation, let traceKey = record.traceId,
            let trace = try cachedTrace(key: traceKey),
            let twin = try ObservationTwin.find(db, record: record, session: trace.row.sessionId, sources: &sessionSources)
        {
            // The same call, already stored from another source: merge into it (ObservationTwin).
            try ObservationTwin.alias(db, key: record.id, to: twin)
            aliasesExist = true
            existing = try ObservationRow.fetch(db, id: twin)
        } else if existing == nil, let traceKey = record.traceId, let trace = try cachedTrace(key: traceKey),
            let twin = try ObservationTwin.sameCall(db, record: record, trace: trace.row.id)
        {
            // A second span of the same call in the same trace: merged the same way.
            try ObservationTwin.alias(db, key: record.id, to: twin)
            aliasesExist = true
            existing = try ObservationRow.fetch(db, id: twin)
        } else if let stored = existing, stored.key == record.id, stored.outputTokens == nil, record.kind == .generation,
            record.usage?.output != nil,
            let twin = try ObservationTwin.find(db, record: record, session: stored.sessionId, sources: &sessionSources)
        {
            // A row first written before it could be matched (an agent's call handed out while
            // still open, its usage not known yet) that now finds its twin: folded into it.
            try ObservationTwin.fold(db, row: stored, into: twin)
            ledger.markForRecount(stored.sessionId)
            usage.remove(stored)
            aliasesExist = true
            existing = try ObservationRow.fetch(db, id: twin)
        }
        let policy = try ObservationTwin.policy(db, record: record, row: existing, aliasesExist: aliasesExist)
        var row: ObservationRow
        if let existing {
            row = existing
            try placeInAgentTrace(&row, toward: record)
        } else {
            let start = record.startTime?.microseconds ?? record.eventTime?.microseconds ?? now
            // An observation without a trace id gets a trace of its own, named after it, so that
            // it is still visible (Langfuse would give it a random trace id nobody can find).
            let trace = try trace(key: record.traceId ?? record.id, service: record.service, at: start)
            row = ObservationRow(id: allocateObservationId(), key: record.id, traceId: trace.id, sessionId: trace.session)
        }
        let before = existing?.tally
        row.kind = policy.first(row.kind, record.kind?.rawValue)
        let parent = try record.parentId.map { aliasesExist ? try ObservationTwin.resolve(db, key: $0) : $0 }
        row.parentKey = Self.parent(of: row, stored: row.parentKey, incoming: parent, record: record.id, policy: policy)
        row.name = policy.pick(row.name, record.name)
        row.settle(start: record.startTime, eventTime: record.eventTime, now: now)
        row.endAt = policy.pick(row.endAt, record.endTime?.microseconds)
        row.firstTokenAt = policy.pick(row.firstTokenAt, record.completionStartTime?.microseconds)
        row.model = policy.pick(row.model, record.model)
        if let parameters = record.modelParameters, policy.incomingWins || row.modelParameters == nil {
            // Not searchable, as when they were kept as text in the row.
            row.modelParameters = .reference(
                try blobs.column(for: .json(.object(parameters)), observation: row.id, trace: row.traceId, searchable: false))
        }
        if let input = record.input, policy.incomingWins || row.input == nil {
            row.input = try blobs.column(for: input, observation: row.id, trace: row.traceId, session: row.sessionId)
            if let label = Self.firstUserText(input) {
                ledger.offer(label: label, userId: nil, to: row.sessionId, trace: row.traceId)
            }
        }
        if let output = record.output, policy.incomingWins || row.output == nil {
            row.output = try blobs.column(for: output, observation: row.id, trace: row.traceId)
            row.toolCalls = Int64(output.messages?.reduce(0) { $0 + $1.toolCalls.count } ?? 0)
        }
        if let tools = record.toolDefinitions, policy.incomingWins || row.tools == nil {
            row.tools = try blobs.column(
                for: .json(.array(tools.map(\.json))), observation: row.id, trace: row.traceId)
        }
        try row.merge(metadata: record.metadata, policy: policy, blobs: &blobs)
        if let usage = policy.pick(row.usage, record.usage) { row.usage = usage }
        row.level = policy.pick(row.level, record.level?.rawValue)
        row.statusMessage = policy.pick(row.statusMessage, record.statusMessage)
        row.version = policy.pick(row.version, record.version)
        row.environment = policy.first(row.environment, record.environment)
        row.eventAt = [row.eventAt, record.eventTime?.microseconds].compactMap { $0 }.max()
        row.price(clientCost: policy.pick(row.clientCost, record.cost), with: pricing, memo: &blobs.memory.prices)
        ledger.apply(row.tally, minus: before, to: row.sessionId)
        usage.apply(row, minus: existing)
        try row.save(db, changeSeq: changeSeq, isNew: existing == nil)
        mirrorQueue?.traces.insert(row.traceId)
    }

    /// The parent that survives a merge. When two spans of one call merged (one was the other's
    /// parent), the one that names the other, now the row itself, gives way to the other's.
    private static func parent(
        of row: ObservationRow, stored: String?, incoming: String?, record: String, policy: MergePolicy
    ) -> String? {
        let chosen = policy.pick(stored, incoming)
        guard let chosen, chosen == row.key || chosen == record else { return chosen }
        return [stored, incoming].first { $0 != nil && $0 != row.key && $0 != record } ?? nil
    }

    /// The proxy records each call in a trace of its own (`proxy:<id>`). A call an agent's
    /// transcript or log events describe too belongs in the agent's trace for its prompt, beside
    /// the tools it called: the row moves there if the proxy's record came first, stays there if
    /// it came second, and the proxy's trace goes once empty.
    private mutating func placeInAgentTrace(_ row: inout ObservationRow, toward record: ObservationRecord) throws {
        guard let traceKey = record.traceId else { return }
        switch ObservationTwin.Capture(key: record.id) {
        case .proxy:
            if let own = try cachedTrace(key: traceKey), own.row.id != row.traceId { vacatedTraces.insert(own.row.id) }
        case .transcript, .events:
            guard let target = try cachedTrace(key: traceKey), target.row.id != row.traceId,
                target.row.sessionId == row.sessionId
            else { return }
            let current =
                try traceRows.values.first { $0.row.id == row.traceId }?.row.key
                ?? String.fetchOne(db.cachedStatement(sql: "SELECT key FROM traces WHERE id = ?"), arguments: [row.traceId])
            guard let current, ObservationTwin.Capture(key: current) == .proxy else { return }
            vacatedTraces.insert(row.traceId)
            row.traceId = target.row.id
            mirrorQueue?.traces.insert(target.row.id)
        case .other:
            return
        }
    }

    // MARK: Scores

    private mutating func write(_ record: ScoreRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO scores (key, name, value_number, value_string, data_type, trace_key, observation_key,
                    session_key, comment, metadata, timestamp, source, environment, change_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET name = excluded.name, value_number = excluded.value_number,
                    value_string = excluded.value_string, data_type = coalesce(excluded.data_type, data_type),
                    trace_key = coalesce(trace_key, excluded.trace_key),
                    observation_key = coalesce(excluded.observation_key, observation_key),
                    session_key = coalesce(excluded.session_key, session_key),
                    comment = coalesce(excluded.comment, comment), metadata = coalesce(excluded.metadata, metadata),
                    timestamp = coalesce(timestamp, excluded.timestamp), source = coalesce(excluded.source, source),
                    environment = coalesce(environment, excluded.environment), change_seq = excluded.change_seq
                """)
        var number: Double?
        var string: String?
        switch record.value {
        case .number(let value): number = value
        case .string(let value): string = value
        }
        try statement.execute(arguments: [
            record.id, record.name, number, string, record.dataType, record.traceId, record.observationId,
            record.sessionId, record.comment, Self.encodeJSON(record.metadata), record.timestamp?.microseconds,
            record.source, record.environment, changeSeq,
        ])
        mirrorQueue?.scores.append(record.id)
    }

    // MARK: Sessions

    /// A session's own description: given values replace stored ones, missing ones keep them. The
    /// label given here wins over the automatic one (the ledger keeps a stored label).
    private mutating func write(_ record: SessionRecord) throws {
        let id = try session(key: record.id)
        sessionSources.forget(id)
        try db.cachedStatement(
            sql: """
                UPDATE sessions SET source = coalesce(?, source), project = coalesce(?, project),
                    label = coalesce(?, label), reported_cost_usd = coalesce(?, reported_cost_usd), change_seq = ?
                WHERE id = ?
                """
        ).execute(arguments: [record.source, record.project, record.label, record.reportedCost, changeSeq, id])
    }

    // MARK: Sessions and traces by key

    private mutating func allocateTraceId() -> Int64 {
        defer { nextTraceId += 1 }
        return nextTraceId
    }

    private mutating func allocateObservationId() -> Int64 {
        defer { nextObservationId += 1 }
        return nextObservationId
    }

    /// The trace with this key, created (in an automatic session) when it does not exist yet.
    private mutating func trace(key: String, service: String?, at time: Int64) throws -> (id: Int64, session: Int64) {
        if let known = try cachedTrace(key: key) { return (known.row.id, known.row.sessionId) }
        let session = try autoSession(userId: nil, service: service, at: time)
        var row = TraceRow(id: allocateTraceId(), key: key, sessionId: session)
        row.startAt = time
        row.startEstimated = true
        traceRows[key] = PendingTrace(row: row, isStored: false, isDirty: true)
        var tally = SessionTally()
        tally.traces = 1
        tally.widen(time)
        ledger.apply(tally, minus: nil, to: session)
        return (row.id, session)
    }

    /// The session with this client-given id, created when new.
    private mutating func session(key: String) throws -> Int64 {
        if let id = sessions[key] { return id }
        let id: Int64
        if let existing = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM sessions WHERE key = ?"), arguments: [key])
        {
            id = existing
        } else {
            try db.cachedStatement(sql: "INSERT INTO sessions (key, source, change_seq) VALUES (?, ?, ?)")
                .execute(arguments: [key, SessionSource.named(client: client), changeSeq])
            id = db.lastInsertedRowID
        }
        sessions[key] = id
        return id
    }

    /// The automatic session for a trace that came without a session id: traces from the same
    /// client, application (`service`) and user share one while they arrive less than
    /// `autoSessionGap` apart. A record without a service keeps the group it had before services
    /// were told apart, so a database written then goes on filling the same sessions.
    private mutating func autoSession(userId: String?, service: String?, at time: Int64) throws -> Int64 {
        let group = client + "|" + (userId ?? "") + (service.map { "|" + $0 } ?? "")
        let find = try db.cachedStatement(
            sql: """
                SELECT id FROM sessions WHERE auto_group = ? AND last_at >= ? AND first_at <= ?
                ORDER BY last_at DESC LIMIT 1
                """)
        let id: Int64
        if let existing = try Int64.fetchOne(
            find, arguments: [group, time - Self.autoSessionGap, time + Self.autoSessionGap])
        {
            id = existing
        } else {
            let key = "auto:\(client):" + (service.map { $0 + ":" } ?? "") + "\(userId ?? "-"):\(Timestamp(microseconds: time).iso8601)"
            try db.cachedStatement(
                sql: """
                    INSERT INTO sessions (key, auto_group, source, first_at, last_at, change_seq) VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [key, group, SessionSource.named(client: client), time, time, changeSeq])
            id = db.lastInsertedRowID
        }
        // The window is widened at once, not at flush, so the next trace of this batch finds it.
        try db.cachedStatement(
            sql: "UPDATE sessions SET first_at = min(first_at, ?1), last_at = max(last_at, ?1) WHERE id = ?2"
        ).execute(arguments: [time, id])
        return id
    }

    // MARK: Column helpers

    private static func firstUserText(_ payload: Payload) -> String? {
        guard let message = payload.messages?.first(where: { $0.role == .user }) else { return nil }
        for part in message.parts {
            if case .text(let text) = part, !text.isEmpty { return String(text.prefix(200)) }
        }
        return nil
    }

    static func encodeJSON(_ value: JSONValue?) -> String? { value?.jsonString }

    static func decodeJSON(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return try? JSONText.parse(text)
    }

    static func encodeTags(_ tags: [String]) -> String { JSONValue.array(tags.map(JSONValue.string)).jsonString }

    static func decodeTags(_ text: String) -> [String]? {
        decodeJSON(text)?.arrayValue?.compactMap(\.stringValue)
    }
}
