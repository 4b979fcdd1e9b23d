import TurnscopeModel

/// Tool calls waiting for their results: a `tool_use` block of a response and the `tool_result`
/// block of a later user line with the same id make one tool observation.
struct ClaudeToolCalls {
    private struct Call {
        var generationId: String
        var traceId: String
        var name: String
    }

    private var waiting: [String: Call] = [:]

    /// The tool observation of a call the model made, under the generation that asked for it.
    mutating func called(
        _ call: ToolCall, at time: Timestamp?, generationId: String, traceId: String, into records: inout [Record]
    ) {
        guard let callId = call.id else { return }
        waiting[callId] = Call(generationId: generationId, traceId: traceId, name: call.name)
        records.append(
            .observation(
                ObservationRecord(
                    id: Self.observationId(callId), traceId: traceId, parentId: generationId, kind: .tool,
                    name: call.name,
                    startTime: time, input: ToolPayload.inline(call.arguments), metadata: ["toolCallId": .string(callId)])))
    }

    /// The results in a user message, each completing the observation of its call. A result
    /// whose call was not read (the file was read from the middle) is left alone: without its
    /// trace the store could not place it.
    mutating func answered(in message: Message, at time: Timestamp?, into records: inout [Record]) {
        for case .toolResult(let result) in message.parts {
            guard let callId = result.callId, let call = waiting.removeValue(forKey: callId) else { continue }
            records.append(
                .observation(
                    ObservationRecord(
                        id: Self.observationId(callId), traceId: call.traceId, parentId: call.generationId, kind: .tool,
                        name: call.name, endTime: time, output: ToolPayload.inline(.string(result.content)),
                        metadata: ["resultBytes": .integer(Int64(result.content.utf8.count))],
                        level: result.isError ? .error : nil)))
        }
    }

    /// `claude-code:<tool_use id>`.
    static func observationId(_ callId: String) -> String { "claude-code:" + callId }
}
