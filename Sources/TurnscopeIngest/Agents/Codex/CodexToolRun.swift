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

    /// The tool observation: arguments in, the answer's text out.
    var record: ObservationRecord {
        ObservationRecord(
            id: id, traceId: traceId, parentId: parentId, kind: .tool, name: call.name, startTime: startTime,
            endTime: endTime, input: .json(call.arguments), output: result.map { .json(.string($0.content)) },
            level: result?.isError == true ? .error : nil)
    }
}
