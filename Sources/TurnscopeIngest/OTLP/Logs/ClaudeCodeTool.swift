import TurnscopeModel

/// A tool observation from `tool_decision` (the tool starts; its parameters) or `tool_result` (it
/// ended: input, success, duration, sizes; never the output, which Claude Code does not log).
///
/// The id is the transcript's (`claude-code:<tool use id>`), so the transcript's call and result
/// and these events fill one row. The parent is the call whose response asked for the tool: the
/// one of the same prompt whose interval holds the tool's start, else the latest that ended
/// before it. Tools start while the response still streams, so the decision is often logged
/// before that call's `api_request`; the batch places tools after reading every call.
enum ClaudeCodeTool {
    static func observation(_ log: OTLPLogRecord, traceId: String, calls: [ClaudeCodeCall]) -> ObservationRecord? {
        guard let useId = log.text("tool_use_id"), let session = log.text("session.id") else { return nil }
        let isResult = log.name == "claude_code.tool_result"
        let start = isResult ? log.start() : log.time
        var tool = ObservationRecord(
            id: "claude-code:" + useId, traceId: traceId, kind: .tool, name: log.text("tool_name"), startTime: start,
            eventTime: log.time)
        tool.parentId = parent(of: start, promptKey: log.text("prompt.id") ?? session, session: session, calls: calls)
        var metadata: [String: JSONValue] = ["toolCallId": .string(useId)]
        if isResult {
            tool.endTime = log.time
            if let input = log.json("tool_input") { tool.input = ToolPayload.inline(input) }
            if log.flag("success") == false {
                tool.level = .error
                tool.statusMessage = log.text("error") ?? log.text("error_type") ?? "the tool failed"
            }
            if let bytes = log.integer("tool_result_size_bytes") { metadata["resultBytes"] = .integer(bytes) }
        } else {
            for key in ["decision", "source"] { if let value = log.text(key) { metadata[key] = .string(value) } }
        }
        if let parameters = log.json("tool_parameters") { metadata["parameters"] = parameters }
        tool.metadata = .object(metadata)
        return tool
    }

    private static func parent(of start: Timestamp?, promptKey: String, session: String, calls: [ClaudeCodeCall]) -> String? {
        guard let start else { return nil }
        let candidates = calls.filter { $0.session == session && $0.promptKey == promptKey }
        if let holding = candidates.last(where: { ($0.start ?? start) <= start && start <= ($0.end ?? start) }) {
            return holding.id
        }
        return candidates.last { ($0.end ?? start) <= start }?.id
    }
}
