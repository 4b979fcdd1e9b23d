import TurnscopeModel

/// A tool observation from `codex.tool_decision` (approved or denied) or `codex.tool_result` (the
/// arguments, the output as Codex capped it, success and duration). The id is the transcript's
/// (`codex:<conversation>:<call id>`) so both sources fill one row; the parent is the call logged
/// last before it in the same export, when there is one.
enum CodexTool {
    static func observation(_ log: OTLPLogRecord, conversation: String, traceId: String, parent: String?) -> ObservationRecord {
        let callId = log.text("call_id") ?? String(log.time?.microseconds ?? 0)
        let isResult = log.name == "codex.tool_result"
        var tool = ObservationRecord(
            id: "codex:\(conversation):\(callId)", traceId: traceId, parentId: parent, kind: .tool,
            name: log.text("tool_name"), startTime: isResult ? log.start() : log.time, eventTime: log.time)
        var metadata: [String: JSONValue] = ["toolCallId": .string(callId)]
        if isResult {
            tool.endTime = log.time
            if let arguments = log.json("arguments") { tool.input = ToolPayload.inline(arguments) }
            if let output = log.text("output") {
                tool.output = ToolPayload.inline(.string(output))
                metadata["resultBytes"] = .integer(Int64(output.utf8.count))
            }
            if log.flag("success") == false {
                tool.level = .error
                tool.statusMessage = "the tool failed"
            }
        } else {
            for key in ["decision", "source"] { if let value = log.text(key) { metadata[key] = .string(value) } }
        }
        tool.metadata = .object(metadata)
        return tool
    }
}
