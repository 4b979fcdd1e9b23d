import TurnscopeModel

/// What came back for a tool call, and where Turnscope found it.
struct PairedResult: Sendable {
    /// Where the result was found, in words ("next turn's prompt", "tool span tool_Read").
    var source: String
    /// The result: text, or JSON when a tool span returned an object.
    var content: JSONValue
    var isError: Bool
    /// The tool span's status message ("Exit code 1"), when it has one.
    var status: String? = nil
}

/// Pairs the tool calls of a completion with their results.
///
/// An agent sends each result back in the next turn's prompt (a `tool` message, or a tool-result
/// part, carrying the call's id), and an instrumented client may also record each tool run as a
/// child observation of the call (`metadata.toolCallId`, else its name). The next turn is read only
/// when a call is still unpaired after the children, and only once.
enum ToolCallPairing {
    /// Results by the index of the call among `calls`; a missing index means "no result yet".
    static func results(
        for calls: [ToolCall], children: [ObservationRecord], nextTurn: () -> TurnDetail?
    ) -> [Int: PairedResult] {
        var results: [Int: PairedResult] = [:]
        var used = Set<String>()
        let tools = children.filter { $0.kind == .tool || $0.kind == nil }
        for (index, call) in calls.enumerated() {
            // A tool span that kept no result (a transcript leaves large ones to the next prompt)
            // names the call but does not answer it.
            guard let id = call.id,
                let child = tools.first(where: {
                    $0.metadata?["toolCallId"]?.stringValue == id && !used.contains($0.id)
                        && ($0.output != nil || $0.statusMessage != nil)
                })
            else { continue }
            used.insert(child.id)
            results[index] = result(of: child)
        }
        if results.count < calls.count, calls.contains(where: { $0.id != nil }), let next = nextTurn() {
            var sent: [String: ToolResult] = [:]
            for message in next.observation.input?.messages ?? [] {
                for result in message.toolResults {
                    if let callId = result.callId { sent[callId] = result }
                }
            }
            for (index, call) in calls.enumerated() where results[index] == nil {
                guard let id = call.id, let found = sent[id] else { continue }
                results[index] = PairedResult(
                    source: "sent in turn \(next.summary.number)", content: .string(found.content), isError: found.isError)
            }
        }
        // Last resort: a tool span named like the call, in order.
        for (index, call) in calls.enumerated() where results[index] == nil {
            guard
                let child = tools.first(where: {
                    !used.contains($0.id) && $0.metadata?["toolCallId"] == nil
                        && ($0.name == call.name || $0.name == "tool_" + call.name)
                })
            else { continue }
            used.insert(child.id)
            results[index] = result(of: child)
        }
        return results
    }

    /// The result a tool span recorded: its output as text or JSON.
    private static func result(of child: ObservationRecord) -> PairedResult {
        let content: JSONValue
        switch child.output {
        case .json(let value)?: content = value
        case .messages(let messages)?: content = .string(messages.map(\.searchableText).joined(separator: "\n"))
        case nil: content = .string(child.statusMessage ?? "")
        }
        // Tool spans mark a failed run as WARNING or ERROR (a command's non-zero exit, say).
        let failed = child.level == .error || child.level == .warning
        return PairedResult(
            source: "tool span " + (child.name ?? child.id), content: content, isError: failed,
            status: failed ? child.statusMessage : nil)
    }

    /// The tool name each call id in `messages` asked for, to label results in a prompt.
    static func toolNames(in messages: [Message]) -> [String: String] {
        var names: [String: String] = [:]
        for message in messages {
            for call in message.toolCalls {
                if let id = call.id { names[id] = call.name }
            }
        }
        return names
    }
}
