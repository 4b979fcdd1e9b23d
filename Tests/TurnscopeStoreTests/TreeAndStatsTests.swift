import Testing
import TurnscopeModel
import TurnscopeStore

@Suite struct TreeAndStatsTests {
    @Test func aTraceTreeNestsByParentAndSurvivesMissingParentsAndCycles() throws {
        let db = try TemporaryStore()
        func observation(_ id: String, parent: String?, at seconds: Double, kind: ObservationKind = .span) -> Record {
            .observation(ObservationRecord(id: id, traceId: "t1", parentId: parent, kind: kind, startTime: Fixture.time(seconds)))
        }
        try db.store.write([
            Fixture.trace("t1"),
            observation("agent", parent: nil, at: 0, kind: .agent),
            observation("llm", parent: "agent", at: 1, kind: .generation),
            observation("tool", parent: "llm", at: 2, kind: .tool),
            observation("orphan", parent: "missing", at: 3),
            observation("a", parent: "b", at: 4),
            observation("b", parent: "a", at: 5),
        ])
        let tree = try db.store.observationTree(traceId: "t1")
        #expect(tree.map(\.id) == ["agent", "llm", "tool", "orphan", "a", "b"])
        #expect(tree.map(\.depth) == [0, 1, 2, 0, 0, 1])
    }

    @Test func statsGroupCallsByModelAndDay() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 3))
        try db.store.write([
            Fixture.trace("t9", at: 86_400),
            Fixture.generation("g9", trace: "t9", history: [.text(.user, "x")], reply: .text(.assistant, "y"), at: 86_400, model: "gpt-4o-2024-08-06"),
        ])
        let byModel = try db.store.usageStats(by: .model)
        #expect(Set(byModel.map(\.group)) == ["claude-sonnet-4-5-20250929", "gpt-4o-2024-08-06"])
        #expect(byModel.first { $0.group == "claude-sonnet-4-5-20250929" }?.calls == 3)
        let byDay = try db.store.usageStats(by: .day)
        #expect(byDay.map(\.group) == ["2026-11-20", "2026-11-21"])
        #expect(byDay.map(\.calls) == [3, 1])
    }
}
