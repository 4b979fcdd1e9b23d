import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

/// Two instrumentations of one model call (the anthropic SDK's own span inside OpenInference's)
/// name the same provider response: they are one turn, whichever is exported first.
@Suite struct SameCallSpansTests {
    static func call(_ id: String, parent: String?, responseId: String?, at seconds: Double, name: String) -> ObservationRecord {
        var metadata: [String: JSONValue] = ["provider": "anthropic"]
        if let responseId { metadata["responseId"] = .string(responseId) }
        var record = ObservationRecord(
            id: id, traceId: "trace-1", parentId: parent, kind: .generation, name: name, startTime: Fixture.time(seconds),
            endTime: Fixture.time(seconds + 1), model: "claude-sonnet-4-5", input: .messages([.text(.user, "Hello")]),
            output: .messages([.text(.assistant, "Hi there")]), metadata: .object(metadata), usage: Usage(input: 10, output: 4))
        record.eventTime = Fixture.time(seconds + 1)
        return record
    }

    static let app = ObservationRecord(id: "app", traceId: "trace-1", kind: .span, name: "app.turn", startTime: Fixture.time(0))

    /// OpenInference's span (the parent) and the SDK's (its child) in either order of arrival.
    @Test(arguments: [true, false])
    func theTwoSpansOfOneCallAreOneTurnWithTheOuterOnesParent(childFirst: Bool) throws {
        let db = try TemporaryStore()
        let outer = Self.call("outer", parent: "app", responseId: "msg_01", at: 1, name: "Messages")
        var inner = Self.call("inner", parent: "outer", responseId: "msg_01", at: 1.01, name: "chat claude-sonnet-4-5")
        inner.endTime = Fixture.time(1.9)
        inner.eventTime = Fixture.time(1.9)
        let calls: [Record] = childFirst ? [.observation(inner), .observation(outer)] : [.observation(outer), .observation(inner)]
        try db.store.write([.trace(TraceRecord(id: "trace-1", sessionId: "s1", timestamp: Fixture.time(0))), .observation(Self.app)])
        for call in calls { try db.store.write([call], client: "otlp") }

        let turns = try db.store.turns(inSession: "s1").items
        #expect(turns.count == 1)
        #expect(turns.first?.usage?.input == 10)
        let tree = try db.store.observationTree(traceId: "trace-1")
        #expect(tree.count == 2)
        let generation = try #require(tree.first { $0.kind == .generation })
        #expect(generation.parentId == "app")
        #expect(tree.allSatisfy { $0.parentId != $0.id })
    }

    @Test func twoCallsWithDifferentResponsesStayTwoTurns() throws {
        let db = try TemporaryStore()
        try db.store.write([
            .trace(TraceRecord(id: "trace-1", sessionId: "s1", timestamp: Fixture.time(0))), .observation(Self.app),
            .observation(Self.call("a", parent: "app", responseId: "msg_01", at: 1, name: "Messages")),
            .observation(Self.call("b", parent: "app", responseId: "msg_02", at: 1.5, name: "Messages")),
            .observation(Self.call("c", parent: "app", responseId: nil, at: 2, name: "Messages")),
        ], client: "otlp")
        #expect(try db.store.turns(inSession: "s1").items.count == 3)
    }
}
