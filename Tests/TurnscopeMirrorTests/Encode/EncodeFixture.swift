import TurnscopeModel

/// A realistic trace for the encoders: session, user, tags and metadata; an agent span holding a
/// generation with system, user, assistant tool calls and tool results, reasoning, cache reads and
/// writes, cost and a first-token time; a tool span; and a failed call.
enum EncodeFixture {
    static func time(_ seconds: Double) -> Timestamp { Timestamp(iso8601: "2026-11-20T09:00:00Z")!.adding(seconds: seconds) }

    static let trace = TraceRecord(
        id: "trace-1", name: "agent run", userId: "alice", sessionId: "sess-9", timestamp: time(0), tags: ["prod", "agent"],
        metadata: ["team": "search"], input: .json(["task": "weather"]), output: .json(["answer": "sunny"]),
        release: "r42", version: "1.2.0", environment: "staging")

    static let agent = ObservationRecord(
        id: "agent-1", traceId: "trace-1", kind: .agent, name: "planner", startTime: time(0), endTime: time(5))

    static let generation = ObservationRecord(
        id: "gen-1", traceId: "trace-1", parentId: "agent-1", kind: .generation, name: "chat", startTime: time(1),
        endTime: time(3), completionStartTime: time(1.5), model: "claude-sonnet-4-5",
        modelParameters: ["temperature": .number(0.2), "max_tokens": .integer(512)],
        input: .messages([
            .text(.system, "You are terse."),
            .text(.user, "Weather in Paris?"),
            Message(role: .assistant, parts: [
                .reasoning(text: "Need the forecast.", signature: "sig-1"),
                .toolCall(ToolCall(id: "call_1", name: "get_forecast", arguments: ["city": "Paris"])),
            ]),
            Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_1", content: "sunny, 21C"))]),
        ]),
        output: .messages([.text(.assistant, "Sunny, 21C.")]), metadata: ["step": .integer(2)],
        usage: Usage(input: 120, output: 40, cacheRead: 900, cacheWrite5m: 30, reasoning: 10, total: 1090),
        cost: Cost(total: 0.0042, parts: ["input": 0.0004, "output": 0.0006, "cacheRead": 0.0027, "cacheWrite5m": 0.0005]),
        level: .default, environment: "staging")

    static let tool = ObservationRecord(
        id: "tool-1", traceId: "trace-1", parentId: "agent-1", kind: .tool, name: "get_forecast", startTime: time(3),
        endTime: time(4), input: .json(["city": "Paris"]), output: .json("sunny, 21C"))

    static let failed = ObservationRecord(
        id: "gen-2", traceId: "trace-1", parentId: "agent-1", kind: .generation, name: "chat", startTime: time(4),
        endTime: time(4.5), model: "claude-sonnet-4-5", input: .messages([.text(.user, "again")]), level: .error,
        statusMessage: "overloaded_error: try later")

    static var outgoing: OutgoingTrace {
        OutgoingTrace(trace: trace, includesTraceFields: true, observations: [agent, generation, tool, failed], revision: 7)
    }
}
