import Foundation
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

    @Test func aSnippetIsTheLineAroundTheFirstMatch() throws {
        // What a hit shows: the text on one line, from a little before the first word found to
        // 120 characters on, with … where it was cut. Written out here with Foundation, as the
        // store once computed it.
        func expected(_ text: String, words: [String]) -> String {
            let flat = text.replacingOccurrences(of: "\n", with: " ")
            let lower = flat.lowercased()
            var start = lower.startIndex
            for word in words {
                if let range = lower.range(of: word) {
                    start = range.lowerBound
                    break
                }
            }
            let offset = max(0, lower.distance(from: lower.startIndex, to: start) - 30)
            let characters = Array(flat)
            let from = min(offset, characters.count)
            let to = min(from + 120, characters.count)
            return (from > 0 ? "…" : "") + String(characters[from..<to]) + (to < characters.count ? "…" : "")
        }
        let filler = String(repeating: "lorem ipsum dolor ", count: 20)
        let texts = [
            "The Needle is here",
            "line one\nline two with the needle\r\nand more",
            filler + "a NEEDLE in the middle of " + filler,
            "日本語のテキスト " + filler + "needle 🚀 after emoji " + filler,
            "café crème " + filler + "needle",
        ]
        let db = try TemporaryStore()
        let at = Fixture.time(0)
        try db.store.write(
            [Fixture.trace("t1", at: 0)]
                + texts.enumerated().map { index, text in
                    .observation(
                        ObservationRecord(
                            id: "g\(index)", traceId: "t1", kind: .generation, startTime: at.adding(seconds: Double(index)),
                            input: .messages([.text(.user, text)])))
                })
        let hits = try db.store.search("needle", limit: 50).items
        #expect(hits.count == texts.count)
        for hit in hits {
            let index = try #require(hit.observationId.flatMap { Int($0.dropFirst()) })
            #expect(hit.snippet == expected(texts[index], words: ["needle"]), "\(texts[index])")
        }
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
