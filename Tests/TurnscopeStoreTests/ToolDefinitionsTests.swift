import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

/// Tool definitions: read back as written, and stored once however many calls offer them.
@Suite struct ToolDefinitionsTests {
    static let tools = (1...20).map { index in
        ToolDefinition(
            name: "tool_\(index)", description: "Does thing \(index). " + String(repeating: "Long description. ", count: 40),
            parameters: ["type": "object", "properties": ["path": ["type": "string"]], "required": ["path"]])
    }

    static func call(_ id: String, at seconds: Double, tools: [ToolDefinition]?) -> Record {
        .observation(
            ObservationRecord(
                id: id, traceId: "t", kind: .generation, startTime: Fixture.time(seconds), model: "alpha",
                input: .messages([.text(.user, "question \(id)")]), usage: Usage(input: 1, output: 1),
                toolDefinitions: tools))
    }

    @Test func definitionsAreReadBackAsWritten() throws {
        let db = try TemporaryStore()
        try db.store.write([Fixture.trace("t"), Self.call("g1", at: 0, tools: Self.tools)])
        let turn = try #require(try db.store.turn(id: "g1"))
        #expect(turn.observation.toolDefinitions == Self.tools)
        // An update that does not name the tools keeps them.
        try db.store.write([.observation(ObservationRecord(id: "g1", kind: nil, output: .messages([.text(.assistant, "ok")])))])
        #expect(try db.store.turn(id: "g1")?.observation.toolDefinitions == Self.tools)
    }

    @Test func theSameListOfferedOnEveryCallIsStoredOnce() throws {
        let db = try TemporaryStore()
        let first = try db.store.write([Fixture.trace("t"), Self.call("g1", at: 0, tools: Self.tools)]).newContentBytes
        let later = try (2...10).map { index in
            try db.store.write([Self.call("g\(index)", at: Double(index), tools: Self.tools)]).newContentBytes
        }
        let without = try TemporaryStore()
        try without.store.write([Fixture.trace("t"), Self.call("g1", at: 0, tools: nil)])
        let bare = try without.store.write([Self.call("g2", at: 2, tools: nil)]).newContentBytes
        #expect(first > 2_000, "the definitions' first copy")
        #expect(later.allSatisfy { $0 <= bare + 8 }, "later calls add only their own prompt (ids differ by a digit): \(later) against \(bare)")
    }
}
