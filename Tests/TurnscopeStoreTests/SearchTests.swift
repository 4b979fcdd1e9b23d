import Testing
import TurnscopeModel
import TurnscopeStore

@Suite struct SearchTests {
    @Test func findsToolArgumentsAndResultsAndNamesTheTurnThatFirstSentThem() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 5))
        // Tool result of turn 3 ("// file 3 of s1") is first sent in turn 4's prompt.
        let hits = try db.store.search("file 3 of").items
        let resultHit = try #require(hits.first { $0.role == .tool })
        #expect(resultHit.observationId == "s1-g4")
        #expect(resultHit.sessionId == "s1")
        #expect(resultHit.snippet.contains("file 3 of s1"))
        // Tool arguments are searchable too, in the reply that asked for them.
        let argumentHit = try #require(try db.store.search("File2.swift").items.first)
        #expect(argumentHit.observationId == "s1-g2")
        #expect(argumentHit.role == .assistant)
    }

    @Test func contentIsIndexedOnceHoweverOftenItIsResent() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 12))
        // The system prompt is resent by all twelve turns but is one hit.
        #expect(try db.store.search("careful coding agent").items.count == 1)
    }

    @Test func hostileQueriesAreSearchedAsText() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 2))
        for query in ["\"", "AND", "NEAR(", "a*b", "col:x", "-", "'; DROP TABLE blobs; --", ""] {
            _ = try db.store.search(query)
        }
        #expect(try db.store.search("refactor auth").items.count == 1)
    }

    @Test func searchPagesByKeysetWithoutRepeats() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 20))
        var seen: [String] = []
        var page = try db.store.search("let", limit: 7)
        seen += page.items.map(\.snippet)
        while let next = page.next {
            page = try db.store.search("let", after: next, limit: 7)
            seen += page.items.map(\.snippet)
        }
        // Each turn's tool result holds `let`; the last one is never sent back in a prompt.
        #expect(seen.count == 19)
        #expect(Set(seen).count == seen.count)
    }
}
