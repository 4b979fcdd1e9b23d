import Testing
import TurnscopeModel
import TurnscopeStore

/// The stats screen's queries against a handful of hand-written calls with round numbers.
///
/// No price table: a cost is the client's or none, so every figure below follows from the records.
@Suite struct InsightsTests {
    static let day = 86_400.0

    /// Two sessions: alice's two `alpha` calls on day 0, bob's two `beta` calls on day 2 (one of them
    /// unpriced), and a priced tool span that must not count as a call.
    static func store() throws -> TemporaryStore {
        let db = try TemporaryStore(pricing: PriceTable(prices: []))
        func call(_ id: String, trace: String, at seconds: Double, model: String, usage: Usage, cost: Double?) -> Record {
            .observation(
                ObservationRecord(
                    id: id, traceId: trace, kind: .generation, name: "call", startTime: Fixture.time(seconds),
                    endTime: Fixture.time(seconds + 1), model: model, usage: usage, cost: cost.map { Cost(total: $0) }))
        }
        try db.store.write([
            Fixture.trace("t1", session: "s1", user: "alice", at: 0),
            call("g1", trace: "t1", at: 0, model: "alpha", usage: Usage(input: 100, output: 10, cacheRead: 900), cost: 0.50),
            .observation(
                ObservationRecord(
                    id: "tool1", traceId: "t1", parentId: "g1", kind: .tool, startTime: Fixture.time(1),
                    endTime: Fixture.time(2), usage: Usage(input: 7), cost: Cost(total: 9))),
            Fixture.trace("t2", session: "s1", user: "alice", at: 60),
            call("g2", trace: "t2", at: 60, model: "alpha", usage: Usage(input: 10, output: 20, cacheRead: 990), cost: 0.25),
            Fixture.trace("t3", session: "s2", user: "bob", at: 2 * day),
            call("g3", trace: "t3", at: 2 * day, model: "beta", usage: Usage(input: 1000, output: 100, cacheWrite5m: 40), cost: 1.00),
            call("g4", trace: "t3", at: 2 * day + 10, model: "beta", usage: Usage(input: 50, output: 5), cost: nil),
        ])
        return db
    }

    @Test func totalsSumEveryCallAndCountTheUnpricedOnes() throws {
        let db = try Self.store()
        let totals = try db.store.usageTotals()
        #expect(totals.calls == 4)
        #expect(abs(totals.cost - 1.75) < 1e-9)
        #expect(totals.unpricedCalls == 1)
        #expect(totals.usage.input == 1160)
        #expect(totals.usage.output == 135)
        #expect(totals.usage.cacheRead == 1890)
        #expect(totals.usage.cacheWrite == 40)
        #expect(totals.cacheHitRatio == 1890.0 / 3090.0)
    }

    @Test func statsByModelPutTheMostExpensiveFirstAndFollowTheFilter() throws {
        let db = try Self.store()
        let byModel = try db.store.usageStats(by: .model, filter: BrowseFilter())
        #expect(byModel.map(\.group) == ["beta", "alpha"])
        #expect(byModel.map(\.calls) == [2, 2])
        #expect(byModel.map(\.unpricedCalls) == [1, 0])
        #expect(try db.store.usageStats(by: .model, filter: BrowseFilter(model: "ALP")).map(\.group) == ["alpha"])
        #expect(try db.store.usageStats(by: .model, filter: BrowseFilter(user: "bob")).map(\.group) == ["beta"])
        #expect(try db.store.usageStats(by: .model, filter: BrowseFilter(since: Fixture.time(Self.day))).map(\.group) == ["beta"])
        #expect(try db.store.usageStats(by: .model, filter: BrowseFilter(until: Fixture.time(Self.day))).map(\.group) == ["alpha"])
        let expensive = try db.store.usageTotals(filter: BrowseFilter(minimumCost: 0.3))
        #expect(expensive.calls == 2)
        #expect(abs(expensive.cost - 1.5) < 1e-9)
    }

    @Test func theDailySeriesFillsDaysWithoutCalls() throws {
        let db = try Self.store()
        let series = try db.store.dailyUsage()
        #expect(series.map(\.group) == ["2026-11-20", "2026-11-21", "2026-11-22"])
        #expect(series.map(\.calls) == [2, 0, 2])
        #expect(series.map(\.cost) == [0.75, 0, 1.00])
        #expect(try db.store.dailyUsage(filter: BrowseFilter(model: "beta")).map(\.group) == ["2026-11-22"])
        #expect(try db.store.dailyUsage(filter: BrowseFilter(model: "nothing")).isEmpty)
    }

    @Test func theMostExpensiveTurnsComeFirstWithTheirSessionAndNumber() throws {
        let db = try Self.store()
        let top = try db.store.mostExpensiveTurns(limit: 10)
        // g4 has no known cost, so it is not ranked; the tool's cost is not a turn's.
        #expect(top.map(\.id) == ["g3", "g1", "g2"])
        #expect(top.map(\.sessionId) == ["s2", "s1", "s1"])
        #expect(top.map(\.number) == [1, 1, 2])
        #expect(top.map(\.cost) == [1.00, 0.50, 0.25])
        #expect(top.first?.traceId == "t3")
        #expect(try db.store.mostExpensiveTurns(limit: 1).map(\.id) == ["g3"])
        #expect(try db.store.mostExpensiveTurns(limit: 10, filter: BrowseFilter(user: "alice")).map(\.id) == ["g1", "g2"])
    }

    @Test func aTraceHeadingNamesItsSession() throws {
        let db = try Self.store()
        let heading = try #require(try db.store.traceHeading(id: "t3"))
        #expect(heading.name == "turn t3")
        #expect(heading.sessionId == "s2")
        #expect(heading.userId == "bob")
        #expect(heading.startTime == Fixture.time(2 * Self.day))
        #expect(!heading.sessionIsAutomatic)
        #expect(try db.store.traceHeading(id: "missing") == nil)
    }
}
