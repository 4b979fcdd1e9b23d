import Foundation
import TurnscopeModel

/// Deterministic, realistic agent traffic for benchmarks: coding-agent sessions whose every turn
/// resends the whole history (system prompt, task, each earlier reply and tool result), with a
/// trace per turn, a generation with Anthropic-style usage, and optionally a tool span.
struct AgentWorkload {
    /// Bytes of tool output per turn (the bulk of new content).
    var toolResultBytes = 1_000
    /// Turns before a session ends and a new one starts.
    var turnsPerSession = 40
    /// Whether each turn also records its tool call as a `tool` observation.
    var toolSpans = false

    private var random = SplitMix64(seed: 42)
    private let vocabulary: [String]
    private var sessions: [SessionState] = []
    private var nextSession = 0
    private var cursor = 0
    private let start = Timestamp(iso8601: "2026-11-01T00:00:00Z")!

    private struct SessionState {
        var id: String
        var history: [Message]
        var turn = 0
        var clock: Double
    }

    init(concurrentSessions: Int = 50) {
        var random = SplitMix64(seed: 7)
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qu", "dri", "fen", "gal", "hex"]
        var words: [String] = [
            "func", "let", "return", "struct", "import", "error", "test", "auth", "token", "session", "request",
            "handler", "config", "cache", "build", "swift", "python", "module", "failed", "passed",
        ]
        while words.count < 3000 {
            let length = 2 + Int(random.next() % 3)
            words.append((0..<length).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined())
        }
        vocabulary = words
        sessions = []
        for _ in 0..<concurrentSessions { sessions.append(newSession()) }
    }

    /// Records for the next `count` turns, taken round-robin from the active sessions as a
    /// collector would receive them from several agents at once.
    mutating func records(turns count: Int) -> [Record] {
        var records: [Record] = []
        for _ in 0..<count {
            records += turn(in: cursor % sessions.count)
            cursor += 1
        }
        return records
    }

    /// All turns of one session of `turns` turns (for the storage benchmark).
    mutating func singleSession(turns: Int) -> [Record] {
        var state = newSession()
        var records: [Record] = []
        for _ in 0..<turns { records += turn(&state) }
        return records
    }

    private mutating func turn(in slot: Int) -> [Record] {
        if sessions[slot].turn >= turnsPerSession { sessions[slot] = newSession() }
        var state = sessions[slot]
        let records = turn(&state)
        sessions[slot] = state
        return records
    }

    private mutating func newSession() -> SessionState {
        nextSession += 1
        let system = "You are a coding agent working in a Swift repository. " + words(180)
        return SessionState(
            id: "bench-session-\(nextSession)",
            history: [.text(.system, system), .text(.user, "Task \(nextSession): " + words(40))],
            clock: Double(nextSession) * 7)
    }

    private mutating func turn(_ state: inout SessionState) -> [Record] {
        state.turn += 1
        state.clock += 12
        let traceId = "\(state.id)-trace-\(state.turn)"
        let generationId = "\(state.id)-gen-\(state.turn)"
        let callId = "toolu_\(state.id)_\(state.turn)"
        let tools = ["Read", "Bash", "Edit", "Grep"]
        let tool = tools[Int(random.next() % 4)]
        let arguments: JSONValue = ["path": .string("Sources/\(word())/\(word()).swift"), "limit": .integer(200)]
        let reply = Message(
            role: .assistant, parts: [.text(words(25)), .toolCall(ToolCall(id: callId, name: tool, arguments: arguments))])
        let result = words(toolResultBytes / 6)
        let at = start.adding(seconds: state.clock)
        let cached = Int64(state.history.count * 300)
        var records: [Record] = [
            .trace(TraceRecord(id: traceId, name: "claude_turn_\(state.turn)", userId: "bench", sessionId: state.id, timestamp: at)),
            .observation(
                ObservationRecord(
                    id: generationId, traceId: traceId, kind: .generation, name: "claude_turn_\(state.turn)",
                    startTime: at, endTime: at.adding(seconds: 3.2), completionStartTime: at.adding(seconds: 0.6),
                    model: "claude-sonnet-4-5-20250929", modelParameters: ["max_tokens": 8192],
                    input: .messages(state.history), output: .messages([reply]),
                    usage: Usage(input: 12, output: 180, cacheRead: cached, cacheWrite5m: 450))),
        ]
        if toolSpans {
            records.append(
                .observation(
                    ObservationRecord(
                        id: "\(state.id)-tool-\(state.turn)", traceId: traceId, parentId: generationId, kind: .tool,
                        name: "tool_\(tool)", startTime: at.adding(seconds: 3.3), endTime: at.adding(seconds: 3.9),
                        input: .json(arguments), output: .json(.string(String(result.prefix(500)))))))
        }
        state.history.append(reply)
        state.history.append(Message(role: .tool, parts: [.toolResult(ToolResult(callId: callId, content: result))]))
        return records
    }

    private mutating func word() -> String {
        // A skewed pick: common words are common, as in real text, so search terms vary in frequency.
        let r = random.next() % 10_000
        let index = Int(Double(vocabulary.count) * pow(Double(r) / 10_000, 3))
        return vocabulary[min(index, vocabulary.count - 1)]
    }

    private mutating func words(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 6)
        for index in 0..<count {
            if index > 0 { text.append(index % 12 == 0 ? "\n" : " ") }
            text.append(word())
        }
        return text
    }
}

/// A tiny, fast, deterministic random number generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
