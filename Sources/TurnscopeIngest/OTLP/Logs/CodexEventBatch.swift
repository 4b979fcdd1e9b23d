import TurnscopeModel

/// The state one export's Codex events are read with: announced sessions and traces, the trace of
/// the latest prompt per conversation, the latest HTTP attempt per conversation (its start is the
/// call's), and the latest call per conversation (a tool that follows it ran for it).
///
/// Without its trace exporter Codex's records name no trace, and no turn id either: a prompt
/// opens a trace of its own, and the records after it in the same export belong to it. Codex
/// sends its records at exit, 512 to an export; calls in a later export than their prompt go to
/// the conversation's own trace, and still are its turns.
struct CodexEventBatch {
    private(set) var records: [Record] = []
    private var sessions: Set<String> = []
    private var traces: Set<String> = []
    private var attempts: [String: OTLPLogRecord] = [:]
    private var lastCall: [String: String] = [:]
    private var promptTraces: [String: String] = [:]

    mutating func read(_ log: OTLPLogRecord) {
        guard let conversation = log.text("conversation.id") else { return }
        if log.name == "codex.user_prompt", log.traceId == nil {
            promptTraces[conversation] = CodexEvents.idPrefix + conversation + ":" + String(log.time?.microseconds ?? 0)
        }
        let traceId = log.traceId ?? promptTraces[conversation] ?? CodexEvents.idPrefix + conversation
        switch log.name {
        case "codex.user_prompt":
            announce(conversation, trace: traceId, at: log.time)
            guard let text = log.text("prompt"), text != "[REDACTED]" else { return }
            records.append(
                .trace(
                    TraceRecord(
                        id: traceId, name: "codex", sessionId: conversation, input: .messages([.text(.user, text)]),
                        eventTime: log.time)))
        case "codex.api_request":
            announce(conversation, trace: traceId, at: log.time)
            attempts[conversation] = log
            if let status = log.integer("http.response.status_code"), status >= 400 {
                failed(log, conversation: conversation, traceId: traceId, reason: "HTTP \(status)")
            } else if log.integer("http.response.status_code") == nil, let message = log.text("error.message") {
                failed(log, conversation: conversation, traceId: traceId, reason: message)
            }
        case "codex.sse_event":
            let kind = log.text("event.kind")
            if kind == "response.completed", log.attributes["input_token_count"] != nil {
                completed(log, conversation: conversation)
            } else if kind == "response.failed" {
                let attempt = attempts[conversation]
                failed(
                    log, conversation: conversation, traceId: attempt?.traceId ?? traceId,
                    reason: log.text("error.message") ?? "the response failed")
            }
        case "codex.tool_decision", "codex.tool_result":
            announce(conversation, trace: traceId, at: log.time)
            records.append(.observation(CodexTool.observation(log, conversation: conversation, traceId: traceId, parent: lastCall[conversation])))
        case "codex.agent_response":
            announce(conversation, trace: traceId, at: log.time)
            guard let text = log.text("response") else { return }
            records.append(
                .trace(TraceRecord(id: traceId, output: .messages([.text(.assistant, text)]), eventTime: log.time)))
        default:
            break
        }
    }

    private mutating func announce(_ conversation: String, trace: String, at time: Timestamp?) {
        if sessions.insert(conversation).inserted {
            records.append(.session(SessionRecord(id: conversation, source: SessionSource.codex)))
        }
        if traces.insert(trace).inserted {
            records.append(.trace(TraceRecord(id: trace, sessionId: conversation, eventTime: time)))
        }
    }

    /// The usage record of a call. Input counts include the cached tokens; reasoning is part of
    /// output; `tool_token_count` is the total (a known Codex bug) and is not read.
    private mutating func completed(_ log: OTLPLogRecord, conversation: String) {
        let attempt = attempts.removeValue(forKey: conversation)
        let traceId = attempt?.traceId ?? log.traceId ?? promptTraces[conversation] ?? CodexEvents.idPrefix + conversation
        announce(conversation, trace: traceId, at: log.time)
        // Not the attempt's span id: Codex logs the request inside an endpoint span, not the span
        // that holds the call's usage (`handle_responses`), which the store matches instead.
        let id = CodexEvents.idPrefix + conversation + ":" + String(log.time?.microseconds ?? 0)
        let start = attempt?.start() ?? log.time
        let tokens = CodexTokens(
            input: max(0, log.integer("input_token_count") ?? 0), cached: max(0, log.integer("cached_token_count") ?? 0),
            cacheWrite: max(0, log.integer("cache_write_token_count") ?? 0),
            output: max(0, log.integer("output_token_count") ?? 0),
            reasoning: max(0, log.integer("reasoning_token_count") ?? 0))
        var generation = ObservationRecord(
            id: id, traceId: traceId, kind: .generation, name: "response", startTime: start, endTime: log.time,
            model: log.text("model"), usage: tokens.usage, eventTime: log.time)
        if let ttft = log.double("ttft_ms"), ttft > 0 {
            generation.completionStartTime = OTLPLogRecord.offset(start, milliseconds: ttft)
        }
        lastCall[conversation] = id
        records.append(.observation(generation))
    }

    /// An attempt that failed (an HTTP error, a transport error, or a failed response): a failed
    /// generation of its own, since each attempt is one call on the wire.
    private mutating func failed(_ log: OTLPLogRecord, conversation: String, traceId: String, reason: String) {
        var metadata: [String: JSONValue] = [:]
        for key in ["http.response.status_code", "attempt", "endpoint", "error.message"] {
            if let value = log.attributes[key], value != .null { metadata[key] = value }
        }
        records.append(
            .observation(
                ObservationRecord(
                    id: CodexEvents.idPrefix + conversation + ":failed:" + String(log.time?.microseconds ?? 0),
                    traceId: traceId, kind: .generation, name: "response", startTime: log.start(), endTime: log.time,
                    model: log.text("model"), metadata: .object(metadata), level: .error,
                    statusMessage: log.text("error.message").map { "\(reason): \($0)" } ?? reason,
                    eventTime: log.time)))
    }
}
