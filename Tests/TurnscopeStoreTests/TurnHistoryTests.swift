import Testing
import TurnscopeModel
import TurnscopeStore

/// A turn read without its prompt's history: the messages the previous turn already sent are
/// left out and read later on demand; together they are the whole prompt.
@Suite struct TurnHistoryTests {
    @Test func aTurnReadWithoutItsHistoryHoldsTheNewMessagesAndTheHistoryReadsLater() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 3))
        let whole = try #require(try db.store.turn(id: "s1-g3"))
        let wholePrompt = try #require(whole.observation.input?.messages)
        #expect(wholePrompt.count == 6)
        #expect(whole.omittedHistory == 0)

        let lazy = try #require(try db.store.turn(id: "s1-g3", includingHistory: false))
        // Turn 2 sent the system prompt, the task, its reply and the tool result: four messages.
        #expect(lazy.omittedHistory == 4)
        #expect(lazy.observation.input?.messages == Array(wholePrompt.suffix(2)))
        #expect(lazy.inputIsNew == whole.inputIsNew)
        #expect(lazy.inputIsNew == [false, false, false, false, true, true])
        #expect(lazy.observation.output == whole.observation.output)

        let history = try db.store.promptHistory(ofTurn: "s1-g3", count: lazy.omittedHistory)
        #expect(history + (lazy.observation.input?.messages ?? []) == wholePrompt)
        #expect(try db.store.promptHistory(ofTurn: "s1-g3", count: 0).isEmpty)
        #expect(try db.store.promptHistory(ofTurn: "missing", count: 3).isEmpty)
    }

    @Test func aFirstTurnHasNoHistoryToLeaveOut() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 2))
        let first = try #require(try db.store.turn(id: "s1-g1", includingHistory: false))
        #expect(first.omittedHistory == 0)
        #expect(first.observation.input?.messages?.count == 2)
    }
}
