import TurnscopeModel

/// The traces of a transcript: one per user prompt of the main conversation (the agent loop that
/// answers it) and one per sub-agent.
///
/// A trace goes out when it is worth showing: at a typed prompt, or with its first generation
/// (a slash command's or a sub-agent's), so that commands that never reach the model (`/clear`)
/// leave no empty turn behind.
struct ClaudePrompts {
    struct Trace {
        var id: String
        var sessionId: String
        var name: String
        var timestamp: Timestamp?
        var input: String?
        var metadata: JSONValue?
        var sent = false

        var record: TraceRecord {
            TraceRecord(
                id: id, name: name, sessionId: sessionId, timestamp: timestamp, metadata: metadata,
                input: input.map { .json(.string($0)) })
        }
    }

    /// The prompt most recently started in the main conversation.
    private(set) var current: Trace?
    /// What identifies `current`: its `promptId`, or the uuid of the line that started it.
    private var currentKey: String?
    private var agents: [String: Trace] = [:]

    /// A user line of the main conversation. `promptId` (recent versions, on every line of a
    /// prompt) decides when a prompt starts; without it, a line the user typed (`startsPrompt`)
    /// does. `text` is the prompt's text when the line carries it.
    mutating func user(
        sessionId: String, promptId: String?, uuid: String?, timestamp: Timestamp?, text: String?, startsPrompt: Bool,
        isTyped: Bool, into records: inout [Record]
    ) {
        let key = promptId ?? (startsPrompt ? uuid : nil)
        if let key, key != currentKey {
            currentKey = key
            current = Trace(
                id: "claude-code:" + sessionId + ":" + key, sessionId: sessionId, name: "claude-code",
                timestamp: timestamp)
        }
        guard var trace = current, let text, trace.input == nil, startsPrompt else { return }
        trace.input = text
        if trace.sent || isTyped {
            trace.sent = true
            records.append(.trace(trace.record))
        }
        current = trace
    }

    /// A user line of sub-agent `agentId`: its first text is the task it was given.
    mutating func agentUser(
        sessionId: String, agentId: String, timestamp: Timestamp?, text: String?, into records: inout [Record]
    ) {
        var trace = agents[agentId] ?? Self.agentTrace(sessionId: sessionId, agentId: agentId, timestamp: timestamp)
        if trace.input == nil, let text {
            trace.input = text
            trace.sent = true
            records.append(.trace(trace.record))
        }
        agents[agentId] = trace
    }

    /// The trace a new response belongs to, handed out first if it has not been: the sub-agent's
    /// own, else the current prompt's, else (a file read from the middle of a prompt) one named
    /// after the response's own first line.
    mutating func traceId(
        sessionId: String, agentId: String?, timestamp: Timestamp?, fallbackKey: String, into records: inout [Record]
    ) -> String {
        if let agentId {
            var trace = agents[agentId] ?? Self.agentTrace(sessionId: sessionId, agentId: agentId, timestamp: timestamp)
            if !trace.sent {
                trace.sent = true
                records.append(.trace(trace.record))
            }
            agents[agentId] = trace
            return trace.id
        }
        if var trace = current {
            if !trace.sent {
                trace.sent = true
                records.append(.trace(trace.record))
                current = trace
            }
            return trace.id
        }
        let trace = Trace(
            id: "claude-code:" + sessionId + ":" + fallbackKey, sessionId: sessionId, name: "claude-code",
            timestamp: timestamp)
        records.append(.trace(trace.record))
        return trace.id
    }

    /// The final answer of a trace: the text of a response that called no tool.
    func answered(traceId: String, text: String, into records: inout [Record]) {
        records.append(.trace(TraceRecord(id: traceId, output: .json(.string(text)))))
    }

    private static func agentTrace(sessionId: String, agentId: String, timestamp: Timestamp?) -> Trace {
        Trace(
            id: "claude-code:" + sessionId + ":agent:" + agentId, sessionId: sessionId, name: "subagent",
            timestamp: timestamp, metadata: ["agentId": .string(agentId), "isSidechain": true])
    }
}
