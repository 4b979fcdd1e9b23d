import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

/// A span is matched to a transcript's call only in an agent's session. The writer reads a
/// session's source once per transaction, so a session record that names the agent in the same
/// write must count for the spans after it.
@Suite struct SessionSourceInOneWriteTests {
    static func call(_ id: String, at seconds: Double) -> ObservationRecord {
        ObservationRecord(
            id: id, traceId: "trace-1", kind: .generation, name: "call", startTime: Fixture.time(seconds),
            endTime: Fixture.time(seconds + 1), model: "claude-sonnet-4-5", input: .messages([.text(.user, "Hello")]),
            output: .messages([.text(.assistant, "Hi there")]), usage: Usage(input: 10, output: 4))
    }

    @Test func aSpanAfterTheSessionBecomesAnAgentsIsMergedIntoTheTranscriptsCall() throws {
        let db = try TemporaryStore()
        try db.store.write([
            .trace(TraceRecord(id: "trace-1", sessionId: "s1", timestamp: Fixture.time(0))),
            .observation(Self.call("claude-code:msg_01", at: 1)),
            // Not an agent's session yet: the span stays a call of its own.
            .observation(Self.call("span-1", at: 1.01)),
            .session(SessionRecord(id: "s1", source: SessionSource.claudeCode)),
            // Now it is: the same call seen again merges into the transcript's row.
            .observation(Self.call("span-2", at: 1.02)),
        ], client: "otlp")

        let turns = try db.store.turns(inSession: "s1").items
        #expect(turns.count == 2)
        #expect(Set(turns.map(\.id)) == ["claude-code:msg_01", "span-1"])
    }
}
