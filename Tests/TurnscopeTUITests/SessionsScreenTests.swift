import Testing
import TurnscopeModel
import TurnscopeTUI

@Suite("Sessions screen")
struct SessionsScreenTests {
    @Test("lists the sample sessions newest first at 80x24")
    func goldenNarrow() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser()
        try Golden.check(browser.frame(), "sessions-80x24")
        #expect(browser.frame().text.contains("LIVE"))
    }

    @Test("uses the width for more columns and a details pane at 160x48")
    func goldenWide() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(width: 160, height: 48)
        try Golden.check(browser.frame(), "sessions-160x48")
        #expect(browser.frame().text.contains("cache hit"))
    }

    @Test("an agent session whose prompt is in but whose first answer is not shows no cost, with its id")
    func sessionWithoutTurnsYet() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        var trace = TraceRecord(id: "claude-code:5e55a1d0:p1", sessionId: "5e55a1d0-0000-4000-8000-000000000001")
        trace.timestamp = DemoStore.now.adding(seconds: -5)
        try demo.write([
            .session(SessionRecord(id: "5e55a1d0-0000-4000-8000-000000000001", source: "claude-code", label: "Waiting for the model")),
            .trace(trace),
        ])
        let browser = demo.browser(width: 100, height: 30)
        let row = try #require(browser.frame().text.split(separator: "\n").first { $0.contains("Waiting for the model") })
        #expect(row.contains("5e55a1d0"))
        #expect(!row.contains("$0"), "\(row)")
        #expect(row.contains("–"), "\(row)")
    }

    @Test("sorting by cost puts the most expensive session first and marks the column")
    func sortByCost() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser()
        let expensive = try #require(
            try demo.store.sessionWindow(offset: 0, limit: 100).items.max { $0.cost < $1.cost })
        while !browser.frame().text.contains("Cost▼") { DemoStore.press([.character(">")], on: browser) }
        let firstRow = browser.frame().line(2)
        #expect(firstRow.contains(String(expensive.label?.prefix(10) ?? expensive.id.prefix(10))))
    }

    @Test("moving down pauses the tail, new sessions are counted, G follows again")
    func pauseAndFollow() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser()
        DemoStore.press([.character("j")], on: browser)
        let selectedBefore = browser.frame().line(3)
        #expect(browser.frame().line(0).contains("PAUSED"))
        try demo.write([
            .trace(TraceRecord(id: "late-trace", name: "late arrival", sessionId: "late-session", timestamp: DemoStore.now))
        ])
        #expect(browser.refresh(now: DemoStore.now))
        let frame = browser.frame()
        #expect(frame.line(0).contains("PAUSED, 1 new"))
        // The selection stays on the same session, which moved one row down.
        #expect(frame.line(4) == selectedBefore)
        DemoStore.press([.character("g")], on: browser)
        #expect(browser.frame().line(0).contains("LIVE"))
        #expect(browser.frame().line(2).contains("late-session") || browser.frame().line(2).contains("late arrival"))
    }

    @Test("a filter narrows the list and stays visible")
    func filter() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser()
        DemoStore.press([.character("f")] + DemoStore.typing("errors") + [.enter], on: browser)
        let frame = browser.frame().text
        #expect(frame.contains("filter: errors"))
        let withErrors = try demo.store.sessionWindow(filter: BrowseFilter(errorsOnly: true), offset: 0, limit: 100).total
        let all = try demo.store.sessionWindow(offset: 0, limit: 100).total
        #expect(withErrors > 0 && withErrors < all)
        DemoStore.press([.character("f")] + DemoStore.typing(" bogus:1") + [.enter], on: browser)
        #expect(browser.frame().text.contains("bogus:1: unknown filter"))
        DemoStore.press([.character("F")], on: browser)
        #expect(!browser.frame().text.contains("filter:"))
    }
}
