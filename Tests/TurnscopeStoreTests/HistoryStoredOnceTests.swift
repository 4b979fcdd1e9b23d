import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

@Suite struct HistoryStoredOnceTests {
    @Test func resentHistoryAddsOnlyNewContent() throws {
        let db = try TemporaryStore()
        let records = Fixture.agentSession("s1", turns: 30)
        var perTurn: [Int] = []
        for index in stride(from: 0, to: records.count, by: 2) {
            perTurn.append(try db.store.write(Array(records[index..<index + 2])).newContentBytes)
        }
        // Every turn after the first adds about the same new content (a reply and a tool result),
        // although its prompt grows by two messages each time.
        let later = perTurn.dropFirst(2)
        #expect(later.max()! - later.min()! < 256)  // stored compressed, so sizes vary a little
        guard case .observation(let last) = records.last, let prompt = last.input?.messages else {
            Issue.record("fixture changed")
            return
        }
        let promptBytes = prompt.reduce(0) { $0 + $1.jsonBytes.count }
        #expect(perTurn.last! * 10 < promptBytes)
    }

    @Test func storageGrowsWithNewContentNotWithTurnsTimesHistory() throws {
        let short = try TemporaryStore()
        try short.store.write(Fixture.agentSession("s", turns: 40, payload: 2000))
        let shortBytes = try short.store.checkpointAndMeasure()
        let long = try TemporaryStore()
        try long.store.write(Fixture.agentSession("s", turns: 160, payload: 2000))
        let longBytes = try long.store.checkpointAndMeasure()
        // Four times the turns resend sixteen times the history; storage must stay near four times.
        #expect(Double(longBytes) / Double(shortBytes) < 5.5)
    }

    @Test func aPromptIsReassembledExactlyAndItsNewPartIsMarked() throws {
        let db = try TemporaryStore()
        let records = Fixture.agentSession("s1", turns: 4)
        try db.store.write(records)
        let turn = try #require(try db.store.turn(id: "s1-g3"))
        guard case .observation(let sent) = records[5] else { Issue.record("fixture changed"); return }
        #expect(turn.observation.input == sent.input)
        #expect(turn.observation.output == sent.output)
        // Turn 3's prompt is turn 2's plus turn 2's reply and its tool result.
        let count = sent.input?.messages?.count ?? 0
        #expect(turn.inputIsNew == Array(repeating: false, count: count - 2) + [true, true])
        #expect(turn.previousTurnId == "s1-g2")
        #expect(turn.nextTurnId == "s1-g4")
        #expect(turn.summary.number == 3)
    }

    @Test func canonicallyEquivalentTextIsNotMerged() throws {
        let db = try TemporaryStore()
        let composed = Message.text(.user, "caf\u{E9}")
        let decomposed = Message.text(.user, "cafe\u{301}")
        #expect(composed == decomposed)  // Swift's String == says equal; the bytes differ
        try db.store.write([
            Fixture.generation("g1", trace: "t1", history: [composed], reply: .text(.assistant, "a"), at: 1),
            Fixture.generation("g2", trace: "t1", history: [decomposed], reply: .text(.assistant, "a"), at: 2),
        ])
        let first = try #require(try db.store.turn(id: "g1")?.observation.input?.messages?.first)
        let second = try #require(try db.store.turn(id: "g2")?.observation.input?.messages?.first)
        guard case .text(let a) = first.parts[0], case .text(let b) = second.parts[0] else {
            Issue.record("not text")
            return
        }
        #expect(Array(a.utf8) == Array("caf\u{E9}".utf8))
        #expect(Array(b.utf8) == Array("cafe\u{301}".utf8))
    }
}
