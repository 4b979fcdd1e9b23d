import TurnscopeModel

/// One model call of a Claude Code export, as the tool records need it, and the builders of its
/// generation from `api_request` / `api_error`, `api_request_body` and `api_response_body`.
struct ClaudeCodeCall: Sendable {
    var id: String
    var session: String
    var promptKey: String
    var sequence: Int64?
    var start: Timestamp?
    var end: Timestamp?

    /// The generation an `api_request` or `api_error` record describes. Usage follows Anthropic's
    /// semantics: `input_tokens` excludes the cache, reads and writes are their own buckets, and
    /// a write without the 5 m / 1 h split (0 and 0) counts as 5-minute, the API's default.
    static func generation(_ log: OTLPLogRecord, id: String, traceId: String) -> ObservationRecord {
        let start = log.start()
        let failed = log.name == "claude_code.api_error"
        var generation = ObservationRecord(
            id: id, traceId: traceId, parentId: log.spanId, kind: .generation, name: name(log), startTime: start,
            endTime: log.time, model: log.text("model"), eventTime: log.time)
        generation.completionStartTime = OTLPLogRecord.offset(start, milliseconds: log.double("ttft_ms"))
        if failed {
            generation.level = .error
            generation.statusMessage = failure(log)
        } else {
            generation.usage = usage(log)
            if let cost = log.double("cost_usd") { generation.cost = Cost(total: cost) }
        }
        var metadata: [String: JSONValue] = [:]
        for key in [
            "query_source", "speed", "effort", "prompt.id", "request_id", "client_request_id", "status_code", "attempt",
            "agent.name", "skill.name", "mcp_server.name", "mcp_tool.name",
        ] {
            if let value = log.attributes[key], value != .null { metadata[key] = value }
        }
        generation.metadata = metadata.isEmpty ? nil : .object(metadata)
        return generation
    }

    /// Why an `api_error` call failed, led by its HTTP status (`ClaudeCodeEvents.failure`).
    static func failure(_ log: OTLPLogRecord) -> String {
        ClaudeCodeEvents.failure(log.text("error"), status: log.integer("status_code")) ?? "the API call failed"
    }

    /// `llm_request`, with the calling context when it is not the main conversation, so that
    /// subagents, compaction and title generation are told apart in the turn list.
    private static func name(_ log: OTLPLogRecord) -> String {
        guard let source = log.text("query_source"), source != "repl_main_thread", source != "sdk" else { return "llm_request" }
        return "llm_request (\(source))"
    }

    private static func usage(_ log: OTLPLogRecord) -> Usage {
        var usage = Usage(
            input: log.integer("input_tokens"), output: log.integer("output_tokens"),
            cacheRead: log.integer("cache_read_tokens"))
        let fiveMinutes = log.integer("cache_creation_5m_tokens") ?? 0
        let oneHour = log.integer("cache_creation_1h_tokens") ?? 0
        if fiveMinutes + oneHour > 0 {
            usage.cacheWrite5m = fiveMinutes
            usage.cacheWrite1h = oneHour > 0 ? oneHour : nil
        } else {
            usage.cacheWrite5m = log.integer("cache_creation_tokens")
        }
        return usage
    }

    /// The prompt of a raw Messages API request body: system and messages, with the request's
    /// settings (tools, max_tokens, …) as model parameters.
    static func prompt(_ body: JSONValue, into generation: inout ObservationRecord) {
        guard let chat = PayloadNormalizer.chatRequest(from: body) else { return }
        generation.input = .messages(chat.messages)
        var settings = chat.settings
        settings["model"] = nil
        if let tools = settings.removeValue(forKey: "tools") {
            generation.toolDefinitions = ToolDefinitionNormalizer.definitions(from: tools)
        }
        if !settings.isEmpty { generation.modelParameters = settings }
    }

    /// The output of a raw Messages API response body, with its stop reason and message id.
    static func response(_ body: JSONValue, into generation: inout ObservationRecord) {
        if let messages = PayloadNormalizer.messages(from: body) { generation.output = .messages(messages) }
        var metadata: [String: JSONValue] = [:]
        if let stop = body["stop_reason"], stop != .null { metadata["stop_reason"] = stop }
        if let id = body["id"], id != .null { metadata["response_id"] = id }
        if !metadata.isEmpty { generation.metadata = .object(metadata) }
    }

    /// A response update folded into the call's own record.
    static func merge(_ response: ObservationRecord, into generation: inout ObservationRecord) {
        generation.output = response.output ?? generation.output
        generation.input = generation.input ?? response.input
        generation.modelParameters = generation.modelParameters ?? response.modelParameters
        generation.toolDefinitions = generation.toolDefinitions ?? response.toolDefinitions
        if case .object(let extra)? = response.metadata {
            var metadata = generation.metadata?.objectValue ?? [:]
            metadata.merge(extra) { old, _ in old }
            generation.metadata = .object(metadata)
        }
    }
}
