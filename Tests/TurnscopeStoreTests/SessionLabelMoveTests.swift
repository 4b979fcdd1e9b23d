import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

/// A chat span that arrives before its parent lands in an automatic session, and its prompt
/// becomes that session's label; when the parent names the real session, the label moves too.
@Suite struct SessionLabelMoveTests {
    static func chat(_ id: String, trace: String, prompt: String, at seconds: Double) -> Record {
        .observation(
            ObservationRecord(
                id: id, traceId: trace, kind: .generation, startTime: Fixture.time(seconds), model: "gpt-4o",
                input: .messages([.text(.user, prompt)]), usage: Usage(input: 10, output: 5)))
    }

    static func parent(_ trace: String, session: String, at seconds: Double) -> Record {
        var record = TraceRecord(id: trace, sessionId: session)
        record.timestamp = Fixture.time(seconds)
        return .trace(record)
    }

    static func labels(_ db: TemporaryStore) throws -> [String: String?] {
        let sessions = try db.store.sessionWindow(filter: BrowseFilter.parse("", now: .now), offset: 0, limit: 50).items
        return Dictionary(uniqueKeysWithValues: sessions.map { ($0.id, $0.label) })
    }

    @Test(arguments: [false, true])
    func theLabelMovesWithTheTrace(sameBatch: Bool) throws {
        let db = try TemporaryStore()
        let child = Self.chat("span-chat", trace: "t1", prompt: "what is the weather in Paris", at: 1)
        let parent = Self.parent("t1", session: "conversation-1", at: 0.9)
        if sameBatch {
            try db.store.write([child, parent], client: "otlp")
        } else {
            try db.store.write([child], client: "otlp")
            try db.store.write([parent], client: "otlp")
        }
        let labels = try Self.labels(db)
        #expect(labels["conversation-1"] == "what is the weather in Paris")
        // The automatic session it briefly sat in is gone with it.
        #expect(labels.count == 1, "\(labels)")
    }

    @Test func aSurvivingAutomaticSessionKeepsOnlyItsOwnLabel() throws {
        let db = try TemporaryStore()
        // The moving trace's prompt labelled the automatic session; a later trace of the same
        // application stays there, and the session must not keep the prompt that left.
        try db.store.write([Self.chat("span-1", trace: "t1", prompt: "first prompt", at: 1)], client: "otlp")
        try db.store.write([Self.chat("span-2", trace: "t2", prompt: "second prompt", at: 2)], client: "otlp")
        try db.store.write([Self.parent("t1", session: "conversation-1", at: 0.9)], client: "otlp")
        let labels = try Self.labels(db)
        #expect(labels["conversation-1"] == "first prompt")
        let automatic = labels.filter { $0.key != "conversation-1" }
        #expect(automatic.count == 1)
        #expect(automatic.values.first == .some(nil), "another session's prompt must not stay behind: \(automatic)")
    }
}
