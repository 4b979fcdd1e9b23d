import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

@Suite struct WriteAndReadTests {
    @Test func sessionAggregatesFollowWrites() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 3))
        let page = try db.store.sessions()
        #expect(page.items.count == 1)
        let session = try #require(page.items.first)
        #expect(session.id == "s1")
        #expect(session.turnCount == 3)
        #expect(session.traceCount == 3)
        #expect(session.userId == "alice")
        #expect(session.usage.input == 300)
        #expect(session.usage.output == 150)
        #expect(session.usage.cacheRead == 3000)
        #expect(session.models == ["claude-sonnet-4-5-20250929"])
        #expect(session.label == "Please refactor the auth module of s1")
        #expect(session.firstAt == Fixture.time(10))
        #expect(session.lastAt == Fixture.time(32))
        // 100 input at $3/M + 50 output at $15/M + 1000 cache reads at $0.30/M, three times.
        #expect(abs(session.cost - 3 * (100 * 3e-6 + 50 * 15e-6 + 1000 * 0.3e-6)) < 1e-12)
        #expect(session.unpricedTurns == 0)
    }

    @Test func writingTheSameBatchTwiceChangesNothing() throws {
        let db = try TemporaryStore()
        let records = Fixture.agentSession("s1", turns: 5)
        try db.store.write(records)
        let first = try db.store.sessions().items
        let result = try db.store.write(records)
        #expect(result.newContentBytes == 0)
        #expect(try db.store.sessions().items == first)
        #expect(try db.store.turns(inSession: "s1").items.count == 5)
    }

    @Test func anUpdateBeforeItsCreateMergesAndIdentityFieldsStayFirst() throws {
        let db = try TemporaryStore()
        // The update arrives first, with the output and end time.
        try db.store.write([
            .observation(ObservationRecord(
                id: "g1", traceId: "t1", kind: nil, endTime: Fixture.time(5),
                output: .messages([.text(.assistant, "done")]), usage: Usage(input: 10, output: 20))),
        ])
        try db.store.write([
            Fixture.trace("t1", session: "s1"),
            .observation(ObservationRecord(
                id: "g1", traceId: "t-other", kind: .generation, name: "chat", startTime: Fixture.time(1),
                model: "gpt-4o-2024-08-06", input: .messages([.text(.user, "hi")]))),
        ])
        let turn = try #require(try db.store.turn(id: "g1"))
        #expect(turn.observation.kind == .generation)
        #expect(turn.observation.name == "chat")
        #expect(turn.observation.traceId == "t1")  // fixed at first write
        #expect(turn.observation.output == .messages([.text(.assistant, "done")]))
        #expect(turn.observation.input == .messages([.text(.user, "hi")]))
        #expect(turn.observation.endTime == Fixture.time(5))
        #expect(turn.observation.usage == Usage(input: 10, output: 20))
        #expect(turn.summary.sessionId == "s1")
        let session = try #require(try db.store.session(id: "s1"))
        #expect(session.turnCount == 1)
        #expect(session.usage.output == 20)
        // The automatic session the observation first landed in is gone once the trace named its session.
        #expect(try db.store.sessions().items.map(\.id) == ["s1"])
    }

    @Test func anOlderEventArrivingLateOnlyFillsGaps() throws {
        let db = try TemporaryStore()
        try db.store.write([
            .trace(TraceRecord(id: "t1", name: "new name", sessionId: "s1", eventTime: Fixture.time(10))),
        ])
        try db.store.write([
            .trace(TraceRecord(
                id: "t1", name: "old name", userId: "bob", sessionId: "s1", tags: ["b", "a"],
                eventTime: Fixture.time(5))),
            .trace(TraceRecord(id: "t1", tags: ["c", "a"], metadata: ["k": ["x": 1]], eventTime: Fixture.time(11))),
            .trace(TraceRecord(id: "t1", metadata: ["k": ["y": 2], "z": true], eventTime: Fixture.time(12))),
        ])
        var exported: [Record] = []
        try db.store.export { exported.append($0) }
        guard case .trace(let trace)? = exported.first else { Issue.record("no trace exported"); return }
        #expect(trace.name == "new name")
        #expect(trace.userId == "bob")
        #expect(trace.tags == ["a", "b", "c"])
        #expect(trace.metadata == ["k": ["x": 1, "y": 2], "z": true])
    }

    @Test func aFailedCallCountsAsAnErrorAndAnUnknownModelAsUnpriced() throws {
        let db = try TemporaryStore()
        try db.store.write([
            Fixture.trace("t1"),
            Fixture.generation("g1", trace: "t1", history: [.text(.user, "x")], reply: .text(.assistant, "y"), at: 1, level: .error),
            Fixture.generation("g2", trace: "t1", history: [.text(.user, "x")], reply: .text(.assistant, "y"), at: 2, model: "my-local-llama"),
        ])
        let session = try #require(try db.store.session(id: "s1"))
        #expect(session.errorCount == 1)
        #expect(session.unpricedTurns == 1)
        let turns = try db.store.turns(inSession: "s1").items
        #expect(turns.map(\.isError) == [true, false])
        #expect(turns[1].cost == nil)
        #expect(turns[1].costSource == .unknown)
        #expect(turns[0].costSource == .computed(entry: turns[0].costSourceEntry))
    }

    @Test func aComputedCostNamesItsPriceEntryAndItsPartsInWholeFigures() throws {
        let db = try TemporaryStore()
        try db.store.write([
            Fixture.trace("t1"),
            // Named as the table names it, and by an alias the table knows under its own name.
            Fixture.generation("g1", trace: "t1", history: [.text(.user, "x")], reply: .text(.assistant, "y"), at: 1,
                model: "gpt-4o", usage: Usage(input: 7, output: 1)),
            Fixture.generation("g2", trace: "t1", history: [.text(.user, "x")], reply: .text(.assistant, "y"), at: 2,
                model: "anthropic/claude-sonnet-4-5-20250929", usage: Usage(input: 7, output: 1)),
        ])
        let first = try #require(try db.store.turn(id: "g1"))
        #expect(first.costEntry == "gpt-4o")
        #expect(first.summary.costSource == .computed(entry: "gpt-4o"))
        // 7 × $2.50 per million is 0.0000175; the product in binary is 0.000017500000000000002.
        #expect(first.costParts["input"] == 0.0000175)
        let second = try #require(try db.store.turn(id: "g2"))
        #expect(second.costEntry == "claude-sonnet-4-5-20250929")
        #expect(second.summary.costSource == .computed(entry: "claude-sonnet-4-5-20250929"))
    }

    @Test func aComputedCostsPartsArePricedAgainAndLeftOutWhenThePricesChanged() throws {
        let db = try TemporaryStore()
        try db.store.write([
            Fixture.trace("t1"),
            Fixture.generation("g1", trace: "t1", history: [.text(.user, "x")], reply: .text(.assistant, "y"), at: 1,
                model: "gpt-4o", usage: Usage(input: 1_000, output: 100)),
        ])
        let priced = try #require(try db.store.turn(id: "g1"))
        #expect(priced.costParts == ["input": 0.0025, "output": 0.001])
        #expect(priced.summary.cost == 0.0035)

        // The same file opened with other prices for the entry: the stored cost stands, and parts
        // that would no longer add up to it are not made up.
        let dearer = PriceTable.bundled.merging([ModelPrice(key: "gpt-4o", input: 5e-6, output: 20e-6)])
        let reopened = try TraceStore(path: db.path, pricing: dearer)
        let read = try #require(try reopened.turn(id: "g1"))
        #expect(read.summary.cost == 0.0035)
        #expect(read.costParts.isEmpty)
    }

    @Test func aLevelReadsBackAsSentOrAbsent() throws {
        let db = try TemporaryStore()
        let levels: [Level?] = [.default, nil, .error, .warning, .debug]
        try db.store.write(
            [Fixture.trace("t1")]
                + levels.enumerated().map { index, level in
                    Fixture.generation(
                        "g\(index)", trace: "t1", history: [.text(.user, "x")], reply: .text(.assistant, "y"),
                        at: Double(index), level: level)
                })
        var read: [String: Level?] = [:]
        try db.store.export { if case .observation(let observation) = $0 { read[observation.id] = observation.level } }
        #expect(read.count == levels.count)
        for (index, level) in levels.enumerated() { #expect(read["g\(index)"] == .some(level)) }
        #expect(try db.store.session(id: "s1")?.errorCount == 1)
    }

    @Test func requestParametersReadBackAndRepeatedOnesAreStoredOnce() throws {
        let db = try TemporaryStore()
        let parameters: [String: JSONValue] = ["temperature": 0.2, "max_tokens": 1024, "stop": ["\n\n"]]
        let calls = (0..<3).map { index in
            ObservationRecord(
                id: "g\(index)", traceId: "t1", kind: .generation, startTime: Fixture.time(Double(index)), model: "gpt-4o",
                modelParameters: index == 2 ? ["temperature": 1] : parameters)
        }
        let written = try db.store.write(calls.map(Record.observation))
        // Two distinct sets of parameters, each stored once.
        let distinct = [JSONValue.object(parameters), ["temperature": 1]].map(\.jsonBytes.count).reduce(0, +)
        #expect(written.newContentBytes == distinct)
        var read: [String: [String: JSONValue]] = [:]
        try db.store.export { if case .observation(let observation) = $0 { read[observation.id] = observation.modelParameters } }
        #expect(read == ["g0": parameters, "g1": parameters, "g2": ["temperature": 1]])
        // A later record without parameters keeps them; one with others replaces them.
        var later = ObservationRecord(id: "g0", kind: nil, modelParameters: ["temperature": 0])
        later.eventTime = Fixture.time(100)
        try db.store.write([.observation(ObservationRecord(id: "g1", kind: nil)), .observation(later)])
        read = [:]
        try db.store.export { if case .observation(let observation) = $0 { read[observation.id] = observation.modelParameters } }
        #expect(read == ["g0": ["temperature": 0], "g1": parameters, "g2": ["temperature": 1]])
    }

    @Test func anEventTimeComesBackWhetherOrNotItIsTheEnd() throws {
        let db = try TemporaryStore()
        var atEnd = ObservationRecord(id: "o1", traceId: "t1", kind: .span, startTime: Fixture.time(1), endTime: Fixture.time(2))
        atEnd.eventTime = Fixture.time(2)
        var later = ObservationRecord(id: "o2", traceId: "t1", kind: .span, startTime: Fixture.time(1), endTime: Fixture.time(2))
        later.eventTime = Fixture.time(5)
        var none = ObservationRecord(id: "o3", traceId: "t1", kind: .span, startTime: Fixture.time(1))
        none.eventTime = nil
        try db.store.write([Fixture.trace("t1"), .observation(atEnd), .observation(later), .observation(none)])
        var times: [String: Timestamp?] = [:]
        try db.store.export { record in
            if case .observation(let observation) = record { times[observation.id] = observation.eventTime }
        }
        #expect(times == ["o1": Fixture.time(2), "o2": Fixture.time(5), "o3": nil])
        // A later record that moves the end keeps the event time it brings.
        var moved = ObservationRecord(id: "o1", traceId: "t1", kind: .span, endTime: Fixture.time(3))
        moved.eventTime = Fixture.time(3)
        try db.store.write([.observation(moved)])
        try db.store.export { record in
            if case .observation(let observation) = record, observation.id == "o1" { #expect(observation.eventTime == Fixture.time(3)) }
        }
    }

    @Test func aClientCostIsUsedVerbatim() throws {
        let db = try TemporaryStore()
        try db.store.write([
            Fixture.trace("t1"),
            .observation(ObservationRecord(
                id: "g1", traceId: "t1", kind: .generation, startTime: Fixture.time(1), model: "gpt-4o",
                usage: Usage(input: 1000, output: 1000), cost: Cost(total: 0.5, parts: ["input": 0.2, "output": 0.3]))),
        ])
        let turn = try #require(try db.store.turns(inSession: "s1").items.first)
        #expect(turn.cost == 0.5)
        #expect(turn.costSource == .client)
    }

    @Test func tracesWithoutASessionAreGroupedByClientUserAndTimeGap() throws {
        let db = try TemporaryStore()
        try db.store.write(
            [
                Fixture.trace("a", session: nil, user: "u", at: 0),
                Fixture.trace("b", session: nil, user: "u", at: 600),
                Fixture.trace("c", session: nil, user: "u", at: 600 + 3600),  // more than 30 minutes later
                Fixture.trace("d", session: nil, user: "other", at: 10),
            ], client: "langfuse")
        let sessions = try db.store.sessions().items
        #expect(sessions.count == 3)
        #expect(sessions.allSatisfy { $0.isAutomatic })
        #expect(sessions.map(\.traceCount).sorted() == [1, 1, 2])
        #expect(sessions.allSatisfy { $0.id.hasPrefix("auto:langfuse:") })
    }

    @Test func tracesWithoutASessionFromDifferentServicesGetAutomaticSessionsOfTheirOwn() throws {
        let db = try TemporaryStore()
        var records: [Record] = []
        for (index, service) in ["billing", "search", "billing", "support", "search"].enumerated() {
            var trace = TraceRecord(id: "t\(index)", timestamp: Fixture.time(Double(index) * 60), service: service)
            trace.name = service
            records.append(.trace(trace))
        }
        // A trace first seen through its observation (its root span comes later) is grouped by the
        // observation's service.
        var orphan = ObservationRecord(id: "o1", traceId: "t9", kind: .span, startTime: Fixture.time(30))
        orphan.service = "support"
        records.append(.observation(orphan))
        try db.store.write(records, client: "otlp")

        let sessions = try db.store.sessions().items
        #expect(sessions.count == 3)
        #expect(sessions.allSatisfy { $0.isAutomatic })
        for service in ["billing", "search", "support"] {
            let session = try #require(sessions.first { $0.id.hasPrefix("auto:otlp:\(service):") })
            #expect(session.traceCount == 2)
        }
    }
}

extension TurnSummary {
    /// The price entry of a computed cost, for comparisons.
    var costSourceEntry: String {
        if case .computed(let entry) = costSource { return entry }
        return ""
    }
}

/// Session records: where a session comes from, its project, label and reported cost.
@Suite struct SessionRecordTests {
    @Test func aSessionRecordDescribesTheSessionAndItsLabelWinsOverTheFirstPrompt() throws {
        let db = try TemporaryStore()
        var trace = TraceRecord(id: "t1", sessionId: "s-1")
        trace.timestamp = Fixture.time(0)
        let call = ObservationRecord(
            id: "g1", traceId: "t1", kind: .generation, startTime: Fixture.time(0), model: "alpha",
            input: .messages([.text(.user, "<system-reminder>ambient context</system-reminder>")]), usage: Usage(input: 3, output: 2))
        try db.store.write([.trace(trace), .observation(call)], client: "claude-code")
        #expect(try db.store.session(id: "s-1")?.label == "<system-reminder>ambient context</system-reminder>")
        #expect(try db.store.session(id: "s-1")?.source == "claude-code")

        try db.store.write([.session(SessionRecord(id: "s-1", project: "/home/dev/acme", label: "Fix the build", reportedCost: 0.25))])
        let session = try #require(try db.store.session(id: "s-1"))
        #expect(session.label == "Fix the build")
        #expect(session.project == "/home/dev/acme")
        #expect(session.source == "claude-code", "a record without a source keeps the stored one")
        #expect(session.reportedCost == 0.25)
        #expect(session.turnCount == 1)
    }

    @Test func sessionsOfOtherSourcesAreNamedAfterTheirClientAndFilterBySourceAndProject() throws {
        let db = try TemporaryStore()
        try db.store.write([Fixture.trace("t1", session: "a")], client: "otlp")
        try db.store.write([.session(SessionRecord(id: "cx", source: "codex", project: "/home/dev/service"))], client: "codex")
        try db.store.write([Fixture.trace("t2", session: "b")], client: "import")
        let all = try db.store.sessionWindow(offset: 0, limit: 10).items
        #expect(Set(all.compactMap(\.source)) == ["otlp", "codex", "native"])
        let codex = try db.store.sessionWindow(filter: BrowseFilter.parse("source:codex", now: .now), offset: 0, limit: 10).items
        #expect(codex.map(\.id) == ["cx"])
        let project = try db.store.sessionWindow(filter: BrowseFilter.parse("project:service", now: .now), offset: 0, limit: 10).items
        #expect(project.map(\.id) == ["cx"])
    }
}

/// A model call seen through a coding agent's transcript and through its telemetry is one turn.
@Suite struct ObservationTwinTests {
    static func call(_ id: String, trace: String, at seconds: Double, output: Int64 = 40) -> Record {
        .observation(
            ObservationRecord(
                id: id, traceId: trace, kind: .generation, startTime: Fixture.time(seconds), model: "claude-opus-5-5",
                usage: Usage(input: 25, output: output, cacheRead: 12_000, cacheWrite5m: 800)))
    }

    static func trace(_ id: String) -> Record {
        var trace = TraceRecord(id: id, sessionId: "cc-1")
        trace.timestamp = Fixture.time(0)
        return .trace(trace)
    }

    @Test func theSameCallFromBothSourcesIsOneTurnAndLaterUpdatesOfEitherMergeThere() throws {
        let db = try TemporaryStore()
        // The transcript first, as the follower commits within milliseconds of the line.
        try db.store.write(
            [Self.trace("claude-code:cc-1:p1"), Self.call("claude-code:msg_1", trace: "claude-code:cc-1:p1", at: 0.015),
             Self.call("claude-code:msg_2", trace: "claude-code:cc-1:p1", at: 0.135)],
            client: "claude-code")
        // The telemetry spans, exported seconds later: each finds the closest unmatched twin.
        try db.store.write(
            [Self.trace("4bf92f3577b34da6a3ce929d0e0e4736"), Self.call("00f067aa0ba902b7", trace: "4bf92f3577b34da6a3ce929d0e0e4736", at: 0),
             Self.call("00f067aa0ba902b8", trace: "4bf92f3577b34da6a3ce929d0e0e4736", at: 0.12)],
            client: "otlp")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 2)
        #expect(try db.store.session(id: "cc-1")?.usage.output == 80)

        // A later update of the span lands on the merged row, not in a new one.
        var update = ObservationRecord(id: "00f067aa0ba902b8", kind: .generation)
        update.statusMessage = "from the span"
        try db.store.write([.observation(update)], client: "otlp")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 2)
        var exported: [ObservationRecord] = []
        try db.store.export { if case .observation(let o) = $0 { exported.append(o) } }
        #expect(exported.map(\.id).sorted() == ["claude-code:msg_1", "claude-code:msg_2"])
        #expect(exported.first { $0.id == "claude-code:msg_2" }?.statusMessage == "from the span")
    }

    @Test func callsThatNameDifferentRequestIdsAreNeverTwins() throws {
        // Claude Code's calls with alike usage, 300 ms apart: its transcript names each response's
        // request id (`requestId`), its events theirs (`request_id`), its spans too (an attribute).
        // The events' time is the end less the duration, so the second call's events start closer
        // to the first call's entry.
        func named(_ record: Record, _ key: String, _ requestId: String) -> Record {
            guard case .observation(var observation) = record else { return record }
            observation.metadata = key == "attributes" ? ["attributes": ["request_id": .string(requestId)]] : [key: .string(requestId)]
            return .observation(observation)
        }
        let db = try TemporaryStore()
        try db.store.write(
            [Self.trace("claude-code:cc-1:p1"),
             named(Self.call("claude-code:msg_1", trace: "claude-code:cc-1:p1", at: 0), "requestId", "req_1"),
             named(Self.call("claude-code:msg_2", trace: "claude-code:cc-1:p1", at: 0.3), "requestId", "req_2")],
            client: "claude-code")
        try db.store.write(
            [Self.trace("events:claude-code:prompt:p1"),
             named(Self.call("events:claude-code:req_2", trace: "events:claude-code:prompt:p1", at: 0.05), "attributes", "req_2"),
             named(Self.call("events:claude-code:req_1", trace: "events:claude-code:prompt:p1", at: 0.01), "request_id", "req_1")],
            client: "otlp")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 2)
        var exported: [ObservationRecord] = []
        try db.store.export { if case .observation(let o) = $0 { exported.append(o) } }
        let requestIds = Dictionary(
            uniqueKeysWithValues: exported.map {
                ($0.id, $0.metadata?["request_id"]?.stringValue ?? $0.metadata?["attributes"]?["request_id"]?.stringValue)
            })
        #expect(requestIds == ["claude-code:msg_1": "req_1", "claude-code:msg_2": "req_2"])
    }

    @Test func telemetryIsMatchedOnlyInsideAnAgentsSession() throws {
        let db = try TemporaryStore()
        // An application's own session (its source is otlp): its calls are never searched for twins.
        try db.store.write(
            [Self.trace("claude-code:cc-1:p1"), Self.call("claude-code:msg_1", trace: "claude-code:cc-1:p1", at: 0)],
            client: "otlp")
        try db.store.write([Self.trace("abc"), Self.call("span-1", trace: "abc", at: 0)], client: "otlp")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 2)
    }

    @Test func callsFurtherApartOrCountedDifferentlyStayApart() throws {
        let db = try TemporaryStore()
        try db.store.write(
            [Self.trace("claude-code:cc-1:p1"), Self.call("claude-code:msg_1", trace: "claude-code:cc-1:p1", at: 0)],
            client: "claude-code")
        try db.store.write(
            [Self.trace("abc"), Self.call("span-1", trace: "abc", at: 5), Self.call("span-2", trace: "abc", at: 0.1, output: 41)],
            client: "otlp")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 3)
    }
    /// The proxy's record of a call and the transcript's, in the shape each source gives.
    static func captures(at seconds: Double) -> (wire: [Record], transcript: [Record]) {
        func record(_ id: String, trace: String, text: String, prompt: String, requestId: String) -> Record {
            guard case .observation(var observation) = call(id, trace: trace, at: seconds) else { return call(id, trace: trace, at: seconds) }
            observation.input = .messages([Message(role: .user, parts: [.text(prompt)])])
            observation.output = .messages([Message(role: .assistant, parts: [.text(text)])])
            observation.metadata = ["requestId": .string(requestId)]
            return .observation(observation)
        }
        var wireTrace = TraceRecord(id: "proxy:call-1", sessionId: "cc-1")
        wireTrace.timestamp = Fixture.time(seconds)
        let wire = [
            Record.session(SessionRecord(id: "cc-1", source: "claude-code")), .trace(wireTrace),
            record("proxy:call-1", trace: "proxy:call-1", text: "the wire's answer", prompt: "the wire's prompt", requestId: "req_1"),
        ]
        let transcript = [
            trace("claude-code:cc-1:p1"),
            record("claude-code:msg_1", trace: "claude-code:cc-1:p1", text: "the transcript's", prompt: "the transcript's", requestId: "req_1"),
        ]
        return (wire, transcript)
    }

    @Test(arguments: [true, false])
    func theProxysRecordWinsWhicheverArrivesFirst(proxyFirst: Bool) throws {
        let db = try TemporaryStore()
        let (wire, transcript) = Self.captures(at: 1)
        let writes = proxyFirst ? [(wire, "proxy"), (transcript, "claude-code")] : [(transcript, "claude-code"), (wire, "proxy")]
        for (records, client) in writes { try db.store.write(records, client: client) }
        // The transcript writes its message again as more of it arrives: it still does not win.
        try db.store.write(transcript, client: "claude-code")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 1)
        var exported: [ObservationRecord] = []
        try db.store.export { if case .observation(let o) = $0 { exported.append(o) } }
        #expect(exported.count == 1)
        #expect(exported.first?.input?.messages?.first?.parts == [.text("the wire's prompt")])
        #expect(exported.first?.output?.messages?.first?.parts == [.text("the wire's answer")])
        // The call sits in the agent's trace for its prompt; the proxy's own trace is gone.
        #expect(exported.first?.traceId == "claude-code:cc-1:p1")
        var traces: [String] = []
        try db.store.export { if case .trace(let t) = $0 { traces.append(t.id) } }
        #expect(traces == ["claude-code:cc-1:p1"])
        #expect(try db.store.session(id: "cc-1")?.traceCount == 1)
    }

    @Test func twoProxyCallsAreNeverOneTurn() throws {
        // An SDK's retry is a call of its own on the wire, however alike the two look.
        let db = try TemporaryStore()
        let (wire, _) = Self.captures(at: 1)
        var retry = Self.captures(at: 1.2).wire
        for index in retry.indices {
            if case .observation(var o) = retry[index] { o.id = "proxy:call-2"; o.traceId = "proxy:call-2"; retry[index] = .observation(o) }
            if case .trace(var t) = retry[index] { t.id = "proxy:call-2"; retry[index] = .trace(t) }
        }
        try db.store.write(wire, client: "proxy")
        try db.store.write(retry, client: "proxy")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 2)
    }
    @Test func callsAreMatchedByTheirResponseIdBeforeTime() throws {
        // Codex's calls through the proxy: alike usage 100 ms apart, the rollout's times off by
        // more than that, and its records arriving after the proxy's. Each names its response.
        func named(_ record: Record, _ responseId: String) -> Record {
            guard case .observation(var observation) = record else { return record }
            // What only the rollout knows (`step`) must land on its own call's row.
            observation.metadata =
                observation.id.hasPrefix("codex:")
                ? ["responseId": .string(responseId), "step": .string(responseId)] : ["responseId": .string(responseId)]
            return .observation(observation)
        }
        let db = try TemporaryStore()
        var traces: [Record] = []
        for index in 1...3 {
            var trace = TraceRecord(id: "proxy:\(index)", sessionId: "cc-1")
            trace.timestamp = Fixture.time(Double(index) / 10)
            traces.append(.trace(trace))
        }
        try db.store.write([.session(SessionRecord(id: "cc-1", source: "codex"))] + traces, client: "proxy")
        for index in 1...3 {
            let call = Self.call("proxy:\(index)", trace: "proxy:\(index)", at: Double(index) / 10)
            try db.store.write([named(call, "resp_\(index)")], client: "proxy")
        }
        // The rollout's first call starts nearest the proxy's second.
        try db.store.write(
            [Self.trace("codex:cc-1:t1"),
             named(Self.call("codex:cc-1:1", trace: "codex:cc-1:t1", at: 0.2), "resp_1"),
             named(Self.call("codex:cc-1:2", trace: "codex:cc-1:t1", at: 0.31), "resp_2"),
             named(Self.call("codex:cc-1:3", trace: "codex:cc-1:t1", at: 0.1), "resp_3")],
            client: "codex")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 3)
        var exported: [ObservationRecord] = []
        try db.store.export { if case .observation(let o) = $0 { exported.append(o) } }
        #expect(exported.map(\.id).sorted() == ["proxy:1", "proxy:2", "proxy:3"])
        for observation in exported {
            let expected = JSONValue.string("resp_" + observation.id.dropFirst("proxy:".count))
            #expect(observation.metadata?["responseId"] == expected)
            #expect(observation.metadata?["step"] == expected)
        }
    }
    @Test func aCallWrittenBeforeItCouldBeMatchedIsFoldedIntoItsTwinOnceItCan() throws {
        // Codex hands out a call while it is still open (no usage yet), the proxy's record of it
        // lands meanwhile, then the call closes with its usage: one turn, and its tool run hangs
        // under the row that holds the call.
        let db = try TemporaryStore()
        let (wire, _) = Self.captures(at: 1)
        try db.store.write([Self.trace("codex:cc-1:t1")], client: "codex")
        var open = ObservationRecord(
            id: "codex:cc-1:1", traceId: "codex:cc-1:t1", kind: .generation, startTime: Fixture.time(0.98), model: "claude-opus-5-5")
        open.output = .messages([Message(role: .assistant, parts: [.text("partial")])])
        let tool = ObservationRecord(
            id: "codex:call_1", traceId: "codex:cc-1:t1", parentId: "codex:cc-1:1", kind: .tool, name: "exec_command",
            startTime: Fixture.time(1.2))
        try db.store.write([.observation(open), .observation(tool)], client: "codex")
        try db.store.write(wire, client: "proxy")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 2)

        guard case .observation(var closed) = Self.call("codex:cc-1:1", trace: "codex:cc-1:t1", at: 0.98) else { return }
        closed.metadata = ["requestId": "req_1", "cwd": "/work/acme"]
        try db.store.write([.observation(closed)], client: "codex")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 1)
        #expect(try db.store.session(id: "cc-1")?.usage.output == 40)
        var exported: [ObservationRecord] = []
        try db.store.export { if case .observation(let o) = $0 { exported.append(o) } }
        let generations = exported.filter { $0.kind == .generation }
        #expect(generations.map(\.id) == ["proxy:call-1"])
        #expect(generations.first?.metadata?["cwd"] == "/work/acme")
        #expect(generations.first?.output?.messages?.first?.parts == [.text("the wire's answer")])
        #expect(exported.first { $0.id == "codex:call_1" }?.parentId == "proxy:call-1")
        // A later update of the folded call still lands on the merged row.
        var update = ObservationRecord(id: "codex:cc-1:1", kind: .generation)
        update.statusMessage = "updated"
        try db.store.write([.observation(update)], client: "codex")
        #expect(try db.store.session(id: "cc-1")?.turnCount == 1)
    }
}



