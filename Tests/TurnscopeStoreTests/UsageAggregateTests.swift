import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

/// The stats' sums the writer keeps by day and model (the usage aggregate) against the same sums
/// taken from the calls themselves (`from: .calls`, the reference), after every kind of write that
/// changes a counted call: each step of each scenario must leave the two equal for every filter
/// the aggregate answers, so a write path that forgets to apply its difference fails here.
@Suite struct UsageAggregateTests {
    static let day = 86_400.0

    /// The stats screen as it opens, and each filter the aggregate answers: model, errors, whole
    /// days, and windows that cut days at either end (those parts are summed from the calls).
    static let filters: [BrowseFilter] = [
        BrowseFilter(),
        BrowseFilter(model: "sonnet"),
        BrowseFilter(model: "nothing-like-this"),
        BrowseFilter(errorsOnly: true),
        BrowseFilter(since: Fixture.time(day - 9 * 3_600)),  // midnight of the second day
        BrowseFilter(since: Fixture.time(3_600)),
        BrowseFilter(until: Fixture.time(day + 3 * 3_600)),
        BrowseFilter(since: Fixture.time(30), until: Fixture.time(day + 6 * 3_600)),
        BrowseFilter(since: Fixture.time(30), until: Fixture.time(90)),
        BrowseFilter(model: "sonnet", errorsOnly: true, since: Fixture.time(-9 * 3_600)),
    ]

    /// Every figure of the breakdown, costs to a billionth.
    static func expectSame(
        _ kept: UsageBreakdown, _ counted: UsageBreakdown, _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        func same(_ a: [UsageStats], _ b: [UsageStats]) -> Bool {
            a.count == b.count
                && zip(a, b).allSatisfy { a, b in
                    a.group == b.group && a.calls == b.calls && a.usage == b.usage && a.unpricedCalls == b.unpricedCalls
                        && abs(a.cost - b.cost) <= 1e-9 * max(1, abs(b.cost))
                }
        }
        // Models are ordered by cost: sums in another order may differ in the last bit, so
        // compare them by name.
        let byName = { (stats: [UsageStats]) in stats.sorted { $0.group < $1.group } }
        #expect(
            same([kept.total], [counted.total]), "\(context): total \(kept.total) ≠ \(counted.total)",
            sourceLocation: sourceLocation)
        #expect(
            same(byName(kept.byModel), byName(counted.byModel)),
            "\(context): by model \(kept.byModel) ≠ \(counted.byModel)",
            sourceLocation: sourceLocation)
        #expect(
            same(kept.byDay, counted.byDay), "\(context): by day \(kept.byDay) ≠ \(counted.byDay)", sourceLocation: sourceLocation)
    }

    static func expectAggregateEqualsCalls(
        _ store: TraceStore, after step: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for filter in filters {
            let kept = try store.usageBreakdown(filter: filter)
            let counted = try store.usageBreakdown(filter: filter, from: .calls)
            #expect(kept.source == .aggregate, sourceLocation: sourceLocation)
            #expect(counted.source == .calls, sourceLocation: sourceLocation)
            expectSame(kept, counted, "after \(step), filter \(filter)", sourceLocation: sourceLocation)
        }
    }

    static func call(
        _ id: String, trace: String, at seconds: Double?, model: String? = "claude-sonnet-4-5-20250929",
        usage: Usage? = Usage(input: 120, output: 40, cacheRead: 3_000, cacheWrite5m: 200), cost: Double? = nil,
        level: Level? = nil, kind: ObservationKind? = .generation
    ) -> Record {
        .observation(
            ObservationRecord(
                id: id, traceId: trace, kind: kind, startTime: seconds.map(Fixture.time), model: model, usage: usage,
                cost: cost.map { Cost(total: $0) }, level: level))
    }

    /// Calls over three days in two sessions: priced, unpriced (an unknown model), priced by the
    /// client, failed without usage, without a model, one a second before midnight; and a tool
    /// span with usage and cost, which is no call.
    static let base: [Record] = [
        Fixture.trace("t1", session: "s1", at: 0),
        call("g1", trace: "t1", at: 0),
        call("g2", trace: "t1", at: 60, model: "mystery-model"),
        call("g3", trace: "t1", at: 120, usage: nil, level: .error),
        call("g4", trace: "t1", at: 180, model: nil, usage: Usage(input: 7, output: 3)),
        .observation(
            ObservationRecord(
                id: "tool1", traceId: "t1", parentId: "g1", kind: .tool, startTime: Fixture.time(1), usage: Usage(input: 9),
                cost: Cost(total: 4))),
        Fixture.trace("t2", session: "s2", user: "bob", at: day + 3 * 3_600),
        call("g5", trace: "t2", at: day + 3 * 3_600, model: "claude-opus-4-1", cost: 0.75),
        call("g6", trace: "t2", at: 2 * day - 9 * 3_600 - 1),
    ]

    /// One way a counted call changes after it was first written, as the steps that do it.
    enum Scenario: String, CaseIterable, CustomTestStringConvertible {
        case lateUsage, laterFailure, startCorrected, kindArrivesLater, modelArrivesLater, twinMerged, twinFolded, sessionMoved

        var testDescription: String { rawValue }

        /// (what the step does, its records, the client writing them)
        var steps: [(String, [Record], String)] {
            let day = UsageAggregateTests.day
            switch self {
            case .lateUsage:
                // A streamed call handed out when it starts, its usage (and so its price) at the end.
                return [
                    ("a call without usage", [UsageAggregateTests.call("late", trace: "t1", at: 300, usage: nil)], "native"),
                    ("its usage", [UsageAggregateTests.call("late", trace: "t1", at: 300)], "native"),
                ]
            case .laterFailure:
                return [("a call marked failed", [UsageAggregateTests.call("g1", trace: "t1", at: 0, level: .error)], "native")]
            case .startCorrected:
                // Known first only by its event time (a day later), then by its real start.
                var early = ObservationRecord(
                    id: "moved", traceId: "t1", kind: .generation, model: "claude-sonnet-4-5-20250929",
                    usage: Usage(input: 5, output: 5))
                early.eventTime = Fixture.time(day)
                return [
                    ("a call with an estimated start", [.observation(early)], "native"),
                    (
                        "its real start, a day earlier",
                        [UsageAggregateTests.call("moved", trace: "t1", at: 240, usage: Usage(input: 5, output: 5))], "native"
                    ),
                ]
            case .kindArrivesLater:
                return [
                    ("an observation of no kind", [UsageAggregateTests.call("kindless", trace: "t1", at: 420, kind: nil)],
                     "native"),
                    ("named a generation", [UsageAggregateTests.call("kindless", trace: "t1", at: 420)], "native"),
                ]
            case .modelArrivesLater:
                return [
                    ("a call without a model", [UsageAggregateTests.call("modelless", trace: "t1", at: 480, model: nil)],
                     "native"),
                    ("its model, which prices it", [UsageAggregateTests.call("modelless", trace: "t1", at: 480)], "native"),
                ]
            case .twinMerged:
                // The same call from an agent's transcript, then from its telemetry with a cost.
                return [
                    (
                        "a transcript's call",
                        [
                            ObservationTwinTests.trace("claude-code:cc-1:p1"),
                            ObservationTwinTests.call("claude-code:msg_1", trace: "claude-code:cc-1:p1", at: 0.015),
                        ], "claude-code"
                    ),
                    (
                        "the same call's span, with a cost",
                        [
                            ObservationTwinTests.trace("4bf92f3577b34da6a3ce929d0e0e4736"),
                            UsageAggregateTests.costed(
                                ObservationTwinTests.call("00f067aa0ba902b7", trace: "4bf92f3577b34da6a3ce929d0e0e4736", at: 0)),
                        ], "otlp"
                    ),
                ]
            case .twinFolded:
                // An open call written before it could be matched, the proxy's record of it, then
                // the call closing: it folds into the proxy's row and its own row is deleted.
                var open = ObservationRecord(
                    id: "codex:cc-1:1", traceId: "codex:cc-1:t1", kind: .generation, startTime: Fixture.time(0.98),
                    model: "claude-opus-5-5", usage: Usage(input: 25))
                open.output = .messages([Message(role: .assistant, parts: [.text("partial")])])
                guard case .observation(var closed) = ObservationTwinTests.call("codex:cc-1:1", trace: "codex:cc-1:t1", at: 0.98)
                else { return [] }
                closed.metadata = ["requestId": "req_1"]
                return [
                    ("an open call", [ObservationTwinTests.trace("codex:cc-1:t1"), .observation(open)], "codex"),
                    ("the proxy's record of it", ObservationTwinTests.captures(at: 1).wire, "proxy"),
                    ("the call closing", [.observation(closed)], "codex"),
                ]
            case .sessionMoved:
                // A call whose trace came without a session, then its trace naming one.
                var named = TraceRecord(id: "loose", sessionId: "s-late")
                named.timestamp = Fixture.time(day + 600)
                return [
                    ("a call in an automatic session", [UsageAggregateTests.call("stray", trace: "loose", at: day + 600)],
                     "native"),
                    ("its trace moved to its session", [.trace(named)], "native"),
                ]
            }
        }
    }

    static func costed(_ record: Record) -> Record {
        guard case .observation(var observation) = record else { return record }
        observation.cost = Cost(total: 0.125)
        return .observation(observation)
    }

    @Test(arguments: Scenario.allCases)
    func theKeptSumsEqualTheCallsAfterEveryStep(_ scenario: Scenario) throws {
        let db = try TemporaryStore()
        try db.store.write(Self.base)
        try Self.expectAggregateEqualsCalls(db.store, after: "the first calls")
        for (step, records, client) in scenario.steps {
            try db.store.write(records, client: client)
            try Self.expectAggregateEqualsCalls(db.store, after: "\(scenario.rawValue): \(step)")
        }
        // The steps did what they say (so the comparison above covered that path).
        switch scenario {
        case .twinMerged, .twinFolded: #expect(try db.store.session(id: "cc-1")?.turnCount == 1)
        case .sessionMoved: #expect(try db.store.session(id: "s-late")?.turnCount == 1)
        case .startCorrected: #expect(try db.store.usageBreakdown().byDay.first { $0.group == "2026-11-20" }?.calls == 5)
        default: break
        }
    }

    @Test func theFiguresAreTheCallsOwn() throws {
        // An independent check of the sums, beside the comparison with the scan.
        let db = try TemporaryStore(pricing: PriceTable(prices: []))
        try db.store.write(Self.base)
        let breakdown = try db.store.usageBreakdown()
        #expect(breakdown.source == .aggregate)
        #expect(breakdown.total.calls == 6)
        #expect(breakdown.total.usage.input == 487)  // 120 from four calls, 7 from one
        #expect(breakdown.total.usage.output == 163)
        #expect(breakdown.total.cost == 0.75)
        // Without prices only g5's client cost is known; g3 failed with no usage, so it is not unpriced.
        #expect(breakdown.total.unpricedCalls == 4)
        #expect(breakdown.byDay.map(\.group) == ["2026-11-20", "2026-11-21"])
        #expect(breakdown.byDay.map(\.calls) == [4, 2])
        #expect(breakdown.byModel.map(\.group) == ["claude-opus-4-1", "(none)", "claude-sonnet-4-5-20250929", "mystery-model"])
        #expect(try db.store.usageTotals(filter: BrowseFilter(errorsOnly: true)).calls == 1)
    }

    @Test func filtersTheAggregateCannotAnswerSumTheCalls() throws {
        let db = try TemporaryStore()
        try db.store.write(Self.base)
        for filter in [BrowseFilter(user: "bob"), BrowseFilter(tag: "prod"), BrowseFilter(source: "native"),
                       BrowseFilter(project: "x"), BrowseFilter(minimumCost: 0.1)] {
            #expect(try db.store.usageBreakdown(filter: filter).source == .calls)
        }
        #expect(try db.store.usageTotals(filter: BrowseFilter(user: "bob")).calls == 2)
    }
}
