import Testing
import TurnscopeModel
import TurnscopeStore
import TurnscopeTUI

@Suite("Stats screen")
struct StatsScreenTests {
    @Test("summary, sparklines and the models table at 80x24")
    func goldenNarrow() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: StatsScreen())
        try Golden.check(browser.frame(), "stats-80x24")
    }

    @Test("every table at once at 160x48")
    func goldenWide() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(width: 160, height: 48, root: StatsScreen())
        let frame = browser.frame()
        try Golden.check(frame, "stats-160x48")
        for title in ["By model", "By day", "Most expensive turns"] { #expect(frame.text.contains(title)) }
    }

    @Test("the totals are the sums of the store's usage stats")
    func totalsMatchTheStore() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let byModel = try demo.store.usageStats(by: .model)
        let cost = byModel.reduce(0) { $0 + $1.cost }
        let calls = byModel.reduce(0) { $0 + $1.calls }
        let unpriced = byModel.reduce(0) { $0 + $1.unpricedCalls }
        let output = byModel.reduce(Int64(0)) { $0 + ($1.usage.output ?? 0) }
        let cacheRead = byModel.reduce(Int64(0)) { $0 + ($1.usage.cacheRead ?? 0) }
        let text = demo.browser(root: StatsScreen()).frame().text
        #expect(text.contains("Total " + Formatting.money(cost) + (unpriced > 0 ? "+" : "") + " · \(calls) calls"))
        #expect(text.contains("\(unpriced) unpriced") == (unpriced > 0))
        #expect(text.contains("out " + Formatting.tokens(output)))
        #expect(text.contains("cache read " + Formatting.tokens(cacheRead)))
        // One row per model, most expensive first.
        for (index, stats) in byModel.prefix(5).enumerated() {
            let line = demo.browser(root: StatsScreen()).frame().line(6 + index)
            #expect(line.hasPrefix(String(stats.group.prefix(10))), "row \(index): \(line)")
        }
    }

    @Test("the most expensive turn is listed first and Enter opens it")
    func mostExpensiveTurnFirst() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        var turns: [TurnSummary] = []
        for session in try demo.store.sessionWindow(offset: 0, limit: 100).items {
            turns += try demo.store.turnWindow(inSession: session.id, offset: 0, limit: 1000).items
        }
        let expensive = try #require(turns.filter { $0.cost != nil }.max { $0.cost! < $1.cost! })
        let browser = demo.browser(root: StatsScreen())
        DemoStore.press([.tab, .tab], on: browser)
        let frame = browser.frame()
        let strip = try #require((0..<frame.height).first { frame.line($0).hasPrefix(" Most expensive turns") })
        let first = frame.line(strip + 2)
        #expect(first.contains(Formatting.money(expensive.cost)))
        #expect(first.contains(String(expensive.sessionId.prefix(12))))
        #expect(first.contains("#\(expensive.number)"))
        #expect(frame[0, strip + 2].style.reverse)
        DemoStore.press([.enter], on: browser)
        let turn = try #require(browser.top as? TurnDetailScreen)
        #expect(turn.turnId == expensive.id)
    }

    @Test("Tab moves between the tables, each with its own cursor")
    func tabBetweenSections() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: StatsScreen())
        DemoStore.press([.character("j")], on: browser)
        DemoStore.press([.tab], on: browser)
        var frame = browser.frame()
        let days = try #require((0..<frame.height).first { frame.line($0).hasPrefix(" By day") })
        // The newest day comes first, selected; the models table shows no cursor meanwhile.
        #expect(frame.line(days + 2).hasPrefix("2026-11-22"))
        #expect(frame[0, days + 2].style.reverse)
        let models = try #require((0..<frame.height).first { frame.line($0).hasPrefix(" By model") })
        #expect(!(models + 2..<days).contains { frame[0, $0].style.reverse })
        DemoStore.press([.backTab], on: browser)
        frame = browser.frame()
        // Back on the models table, its cursor is still on the second row.
        #expect(frame[0, models + 3].style.reverse)
        #expect(!frame[0, models + 2].style.reverse)
    }

    @Test("the browse filter narrows every figure")
    func filterApplies() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: StatsScreen())
        DemoStore.press([.character("f")] + DemoStore.typing("model:gpt-4o") + [.enter], on: browser)
        let text = browser.frame().text
        let filtered = try demo.store.usageTotals(filter: BrowseFilter(model: "gpt-4o"))
        #expect(filtered.calls > 0)
        #expect(text.contains("filter: model:gpt-4o"))
        #expect(text.contains("Total " + Formatting.money(filtered.cost)))
        #expect(!text.contains("claude-sonnet"))
    }
}
