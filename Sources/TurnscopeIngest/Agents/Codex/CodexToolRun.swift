import TurnscopeModel

/// One tool call, from the item that asked for it to the item that answered it (paired by
/// `call_id`).
struct CodexToolRun {
    let id: String
    let parentId: String
    let traceId: String
    let call: ToolCall
    let startTime: Timestamp?
    /// The order calls were made in, so that the ones still waiting are handed out in order.
    let sequence: Int
    var result: ToolResult?
    var endTime: Timestamp?
    /// Whether it was handed out since it last changed.
    var handedOut = false

    /// The tool observation: arguments in, the answer's text out (large ones are left to the
    /// messages, see `ToolPayload`), and the call id that pairs it with its call.
    var record: ObservationRecord {
        var metadata: [String: JSONValue] = [:]
        if let callId = call.id { metadata["toolCallId"] = .string(callId) }
        if let result { metadata["resultBytes"] = .integer(Int64(result.content.utf8.count)) }
        return ObservationRecord(
            id: id, traceId: traceId, parentId: parentId, kind: .tool, name: call.name, startTime: startTime,
            endTime: endTime, input: ToolPayload.inline(call.arguments),
            output: result.flatMap { ToolPayload.inline(.string($0.content)) }, metadata: .object(metadata),
            level: result?.isError == true ? .error : nil)
    }
}
