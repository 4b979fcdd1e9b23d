import TurnscopeModel

/// The state one export's Claude Code events are read with: which sessions and traces were
/// already announced, the latest raw request body per prompt (it carries no request id), the
/// calls seen so far (tools are placed under them at the end) and which calls already have a
/// full response body (whose output `assistant_response` text must not replace).
struct ClaudeCodeEventBatch {
    private(set) var records: [Record] = []
    private var sessions: Set<String> = []
    private var traces: Set<String> = []
    private var requestBodies: [String: JSONValue] = [:]
    private var calls: [ClaudeCodeCall] = []
    private var answeredInFull: Set<String> = []
    /// Response bodies whose `api_request` has not come yet: merged into its generation when it
    /// does, so the call's first record carries its usage and time (the store matches a new row
    /// against the same call from other sources only on its first record).
    private var responses: [String: ObservationRecord] = [:]
    private var responseOrder: [String] = []
    private var tools: [OTLPLogRecord] = []

    /// The events this mapping reads. The others (`plugin_loaded`, `managed_settings_resolved`, …,
    /// many logged before any prompt) are acknowledged and not stored: they would leave an empty trace.
    static let events: Set<String> = [
        "claude_code.user_prompt", "claude_code.api_request_body", "claude_code.api_response_body",
        "claude_code.api_request", "claude_code.api_error", "claude_code.assistant_response",
        "claude_code.tool_decision", "claude_code.tool_result",
    ]

    mutating func read(_ log: OTLPLogRecord) {
        guard Self.events.contains(log.name), let session = log.text("session.id") else { return }
        let promptKey = log.text("prompt.id") ?? session
        let traceId = log.traceId ?? ClaudeCodeEvents.idPrefix + "prompt:" + promptKey
        announce(session: session, trace: traceId, at: log.time)
        switch log.name {
        case "claude_code.user_prompt":
            guard let text = log.text("prompt") ?? log.text("prompt_text"), text != "<REDACTED>" else { return }
            records.append(
                .trace(
                    TraceRecord(
                        id: traceId, name: "claude_code.interaction", sessionId: session,
                        input: .messages([.text(.user, text)]), eventTime: log.time)))
        case "claude_code.api_request_body":
            if let body = log.json("body") { requestBodies[promptKey] = body }
        case "claude_code.api_response_body":
            respond(log, session: session, traceId: traceId, promptKey: promptKey)
        case "claude_code.api_request", "claude_code.api_error":
            call(log, session: session, traceId: traceId, promptKey: promptKey)
        case "claude_code.assistant_response":
            answer(log, session: session, traceId: traceId)
        case "claude_code.tool_decision", "claude_code.tool_result":
            tools.append(log)
        default:
            break
        }
    }

    /// The records, tool observations last: a tool's decision is logged before the `api_request`
    /// of the response that asked for it, so tools are placed once every call is known.
    mutating func finish() -> [Record] {
        for id in responseOrder { if let response = responses.removeValue(forKey: id) { records.append(.observation(response)) } }
        for log in tools {
            guard let session = log.text("session.id") else { continue }
            let traceId = log.traceId ?? ClaudeCodeEvents.idPrefix + "prompt:" + (log.text("prompt.id") ?? session)
            if let tool = ClaudeCodeTool.observation(log, traceId: traceId, calls: calls) {
                records.append(.observation(tool))
            }
        }
        return records
    }

    /// A session record the first time a session is seen (it marks the session as Claude Code's),
    /// and a trace record the first time a trace is, so the trace lands in its session.
    private mutating func announce(session: String, trace: String, at time: Timestamp?) {
        if sessions.insert(session).inserted {
            records.append(.session(SessionRecord(id: session, source: SessionSource.claudeCode)))
        }
        if traces.insert(trace).inserted {
            records.append(.trace(TraceRecord(id: trace, sessionId: session, eventTime: time)))
        }
    }

    /// `api_request` (a call that answered) or `api_error` (one that failed after its retries).
    private mutating func call(_ log: OTLPLogRecord, session: String, traceId: String, promptKey: String) {
        guard
            let id = ClaudeCodeEvents.generationId(
                requestId: ClaudeCodeEvents.requestId(of: log), session: session, sequence: log.integer("event.sequence"))
        else { return }
        var generation = ClaudeCodeCall.generation(log, id: id, traceId: traceId)
        if let body = requestBodies.removeValue(forKey: promptKey) { ClaudeCodeCall.prompt(body, into: &generation) }
        if let response = responses.removeValue(forKey: id) { ClaudeCodeCall.merge(response, into: &generation) }
        calls.append(
            ClaudeCodeCall(
                id: id, session: session, promptKey: promptKey, sequence: log.integer("event.sequence"),
                start: generation.startTime, end: generation.endTime))
        records.append(.observation(generation))
    }

    /// `api_response_body`: the full response (content blocks with tool calls, stop reason,
    /// message id), and the last request body of its prompt as the full prompt.
    private mutating func respond(_ log: OTLPLogRecord, session: String, traceId: String, promptKey: String) {
        guard let requestId = ClaudeCodeEvents.requestId(of: log), let body = log.json("body") else { return }
        let id = ClaudeCodeEvents.idPrefix + requestId
        var update = ObservationRecord(id: id, traceId: traceId, kind: .generation, eventTime: log.time)
        ClaudeCodeCall.response(body, into: &update)
        if let request = requestBodies.removeValue(forKey: promptKey) { ClaudeCodeCall.prompt(request, into: &update) }
        if update.output != nil { answeredInFull.insert(id) }
        responses[id] = update
        responseOrder.append(id)
    }

    /// `assistant_response`: the response's text, for a call whose full body was not logged.
    /// Without a request id it belongs to the call logged just before it (the two are written
    /// together, so the call is the previous sequence number).
    private mutating func answer(_ log: OTLPLogRecord, session: String, traceId: String) {
        guard let text = log.text("response") else { return }
        let sequence = log.integer("event.sequence")
        let id: String?
        if let requestId = ClaudeCodeEvents.requestId(of: log) {
            id = ClaudeCodeEvents.idPrefix + requestId
        } else if let previous = calls.last(where: { $0.session == session && ($0.sequence ?? 0) < (sequence ?? .max) }) {
            id = previous.id
        } else {
            id = ClaudeCodeEvents.generationId(requestId: nil, session: session, sequence: sequence.map { $0 - 1 })
        }
        guard let id, !answeredInFull.contains(id) else { return }
        // The text alone is a weaker report of the output than the transcript's or the response
        // body's content blocks (which hold the tool calls too): dated at the epoch, it only
        // fills an output nothing else gave.
        records.append(
            .observation(
                ObservationRecord(
                    id: id, traceId: traceId, kind: .generation, output: .messages([.text(.assistant, text)]),
                    eventTime: Timestamp(microseconds: 0))))
    }
}
