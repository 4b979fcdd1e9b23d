import Testing
import TurnscopeModel
import TurnscopeTUI

@Suite("Turns screen")
struct TurnsScreenTests {
    static let session = "sess-refactor-auth"

    @Test("the turns of the long agent session, newest at the bottom, at 80x24 and 160x48")
    func golden() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        try Golden.check(demo.browser(root: TurnsScreen(sessionId: Self.session)).frame(), "turns-80x24")
        try Golden.check(demo.browser(width: 160, height: 48, root: TurnsScreen(sessionId: Self.session)).frame(), "turns-160x48")
    }

    @Test("a new turn appears at the bottom while following; away from the bottom it is counted instead")
    func liveTail() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TurnsScreen(sessionId: Self.session))
        #expect(browser.frame().line(0).contains("LIVE"))
        try demo.write(Self.turn("live-1", at: "2026-11-22T15:59:00Z"))
        #expect(browser.refresh(now: DemoStore.now))
        let following = browser.frame()
        #expect(following.text.contains("  48 "))
        // The newest row is the selected one (reversed), just above the footer.
        let lastRow = following.height - 2
        #expect(following[1, lastRow].style.reverse)

        DemoStore.press([.character("k"), .character("k")], on: browser)
        let selected = browser.frame().text.split(separator: "\n").first { $0.contains("  46 ") }
        try demo.write(Self.turn("live-2", at: "2026-11-22T15:59:30Z") + Self.turn("live-3", at: "2026-11-22T15:59:40Z"))
        #expect(browser.refresh(now: DemoStore.now))
        let paused = browser.frame()
        #expect(paused.line(0).contains("PAUSED, 2 new"))
        // Still on turn 46: selection is kept by id.
        let row = try #require((0..<paused.height).first { paused.line($0).contains("  46 ") })
        #expect(paused[1, row].style.reverse)
        #expect(selected != nil)
        DemoStore.press([.character("G")], on: browser)
        #expect(browser.frame().line(0).contains("LIVE"))
        #expect(browser.frame().text.contains("  50 "))
    }

    @Test("search lists hits and n moves through them")
    func search() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser()
        DemoStore.press([.character("/")] + DemoStore.typing("SessionStore") + [.enter], on: browser)
        let results = browser.frame().text
        #expect(results.contains("for “SessionStore”"))
        let hits = try demo.store.search("SessionStore", limit: 500).items
        #expect(hits.count > 1)
        #expect(results.contains("\(hits.count) match"))
        DemoStore.press([.enter], on: browser)
        #expect(browser.top is TurnDetailScreen || browser.top is TraceTreeScreen)
        DemoStore.press([.character("n")], on: browser)
        #expect(browser.frame().text.contains("match 2 of \(hits.count)"))
        #expect(browser.stack.count == 3)
    }

    /// A trace in the session with one generation.
    static func turn(_ id: String, at time: String) -> [Record] {
        [
            .trace(TraceRecord(id: id + "-trace", sessionId: session, timestamp: Timestamp(iso8601: time))),
            .observation(
                ObservationRecord(
                    id: id, traceId: id + "-trace", kind: .generation, name: id, startTime: Timestamp(iso8601: time),
                    endTime: Timestamp(iso8601: time), model: "claude-sonnet-4-5",
                    input: .messages([.text(.user, "continue")]))),
        ]
    }
}
