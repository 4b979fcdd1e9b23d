import Foundation
import TurnscopeModel
import TurnscopeStore

/// A fresh database file in a temporary directory, removed with its directory at the end of the test.
final class TemporaryStore {
    let directory: URL
    let store: TraceStore

    var path: String { store.path }

    init(pricing: PriceTable = .bundled) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try TraceStore(path: directory.appendingPathComponent("test.db").path, pricing: pricing)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// Builders for realistic records.
enum Fixture {
    static let base = Timestamp(iso8601: "2026-11-20T09:00:00Z")!

    static func time(_ seconds: Double) -> Timestamp { base.adding(seconds: seconds) }

    static func trace(_ id: String, session: String? = "s1", user: String? = "alice", at seconds: Double = 0) -> Record {
        .trace(TraceRecord(id: id, name: "turn \(id)", userId: user, sessionId: session, timestamp: time(seconds)))
    }

    /// A generation of an agent whose prompt is the whole history so far.
    static func generation(
        _ id: String, trace: String, history: [Message], reply: Message, at seconds: Double,
        model: String = "claude-sonnet-4-5-20250929", usage: Usage? = Usage(input: 100, output: 50, cacheRead: 1000),
        level: Level? = nil
    ) -> Record {
        .observation(
            ObservationRecord(
                id: id, traceId: trace, kind: .generation, name: "claude_turn", startTime: time(seconds),
                endTime: time(seconds + 2), completionStartTime: time(seconds + 0.5), model: model,
                input: .messages(history), output: .messages([reply]), usage: usage, level: level))
    }

    /// An agent session of `turns` turns, each resending the whole history; returns its records.
    static func agentSession(_ session: String, turns: Int, at start: Double = 0, payload: Int = 400) -> [Record] {
        var history: [Message] = [.text(.system, "You are a careful coding agent. " + String(repeating: "Rules. ", count: 50))]
        history.append(.text(.user, "Please refactor the auth module of \(session)"))
        var records: [Record] = []
        for turn in 1...turns {
            let at = start + Double(turn) * 10
            let callId = "call_\(session)_\(turn)"
            let reply = Message(
                role: .assistant,
                parts: [.text("Reading file \(turn)"), .toolCall(ToolCall(id: callId, name: "Read", arguments: ["path": .string("Sources/File\(turn).swift")]))])
            records.append(trace("\(session)-t\(turn)", session: session, at: at))
            records.append(generation("\(session)-g\(turn)", trace: "\(session)-t\(turn)", history: history, reply: reply, at: at))
            history.append(reply)
            history.append(
                Message(role: .tool, parts: [.toolResult(ToolResult(callId: callId, content: "// file \(turn) of \(session)\n" + String(repeating: "let x\(turn) = \(turn)\n", count: payload / 12)))]))
        }
        return records
    }
}
