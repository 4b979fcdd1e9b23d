import Testing
import TurnscopeModel
import TurnscopeStore

/// The mirror outbox: queued in the records' own transaction, only while the mirror is on, and
/// resending only what changed since the last delivery.
@Suite struct MirrorOutboxTests {
    static func call(_ id: String, trace: String, at seconds: Double, cost: Double? = nil) -> Record {
        .observation(
            ObservationRecord(
                id: id, traceId: trace, kind: .generation, name: "call", startTime: Fixture.time(seconds),
                endTime: Fixture.time(seconds + 1), model: "alpha", input: .messages([.text(.user, "question \(id)")]),
                output: .messages([.text(.assistant, "answer \(id)")]), usage: Usage(input: 10, output: 5),
                cost: cost.map { Cost(total: $0) }))
    }

    static func traces(_ items: [MirrorItem]) -> [OutgoingTrace] {
        items.compactMap { if case .trace(let trace) = $0.payload { trace } else { nil } }
    }

    @Test func recordsWrittenWhileTheMirrorIsOffAreNeverQueued() throws {
        let db = try TemporaryStore()
        try db.store.write([Fixture.trace("t1"), Self.call("g1", trace: "t1", at: 0)])
        #expect(try db.store.mirrorBacklog(records: 100).isEmpty)
        #expect(try db.store.mirrorCounts().pending == 0)

        db.store.queuesForMirror = true
        try db.store.write([Fixture.trace("t2"), Self.call("g2", trace: "t2", at: 5)])
        let items = try db.store.mirrorBacklog(records: 100)
        #expect(Self.traces(items).map(\.trace.id) == ["t2"])
        #expect(Self.traces(items).first?.observations.map(\.id) == ["g2"])
        #expect(Self.traces(items).first?.includesTraceFields == true)
        #expect(try db.store.mirrorCounts().pending == 1)
    }

    @Test func agentTranscriptsAreQueuedOnlyWhenAskedAndBackfilledOnRequest() throws {
        let db = try TemporaryStore()
        db.store.queuesForMirror = true
        let session = Record.session(SessionRecord(id: "cc-1", source: SessionSource.claudeCode, project: "/home/dev/acme"))
        var trace = TraceRecord(id: "t1", sessionId: "cc-1")
        trace.timestamp = Fixture.time(0)
        try db.store.write([session, .trace(trace), Self.call("g1", trace: "t1", at: 0)], client: SessionSource.claudeCode)
        #expect(try db.store.mirrorBacklog(records: 100).isEmpty, "a coding session is not sent just because the mirror is on")
        try db.store.write([Fixture.trace("t2"), Self.call("g2", trace: "t2", at: 5)], client: "otlp")
        #expect(Self.traces(try db.store.mirrorBacklog(records: 100)).map(\.trace.id) == ["t2"])

        db.store.queuesAgentsForMirror = true
        try db.store.write([Self.call("g3", trace: "t1", at: 9)], client: SessionSource.codex)
        #expect(Set(Self.traces(try db.store.mirrorBacklog(records: 100)).map(\.trace.id)) == ["t1", "t2"])

        let other = try TemporaryStore()
        other.store.queuesForMirror = true
        try other.store.write([session, .trace(trace), Self.call("g1", trace: "t1", at: 0)], client: SessionSource.claudeCode)
        #expect(try other.store.backfillMirror(session: "cc-1") == 1)
        #expect(Self.traces(try other.store.mirrorBacklog(records: 100)).map(\.trace.id) == ["t1"])
    }

    @Test func anAgentsTelemetryIntoItsSessionWaitsForConsentLikeItsTranscript() throws {
        let db = try TemporaryStore()
        db.store.queuesForMirror = true
        // What Claude Code's log events decode to: its session marked as Claude Code's, then the call.
        let session = Record.session(SessionRecord(id: "cc-2", source: SessionSource.claudeCode))
        try db.store.write([session, .trace(TraceRecord(id: "t1", sessionId: "cc-2")), Self.call("g1", trace: "t1", at: 0)], client: "otlp")
        // A transcript record merged into the same trace later changes nothing about that.
        try db.store.write([Self.call("g2", trace: "t1", at: 4)], client: "otlp")
        #expect(try db.store.mirrorBacklog(records: 100).isEmpty, "telemetry into a coding session is a coding session")
        try db.store.write([.trace(TraceRecord(id: "app", sessionId: "app-session")), Self.call("g3", trace: "app", at: 5)], client: "otlp")
        #expect(Self.traces(try db.store.mirrorBacklog(records: 100)).map(\.trace.id) == ["app"])

        db.store.queuesAgentsForMirror = true
        try db.store.write([Self.call("g1", trace: "t1", at: 0)], client: "otlp")
        #expect(Set(Self.traces(try db.store.mirrorBacklog(records: 100)).map(\.trace.id)) == ["t1", "app"])
    }

    @Test func afterDeliveryOnlyChangedObservationsAreResent() throws {
        let db = try TemporaryStore()
        db.store.queuesForMirror = true
        try db.store.write([Fixture.trace("t1"), Self.call("g1", trace: "t1", at: 0), Self.call("g2", trace: "t1", at: 2)])
        let first = try db.store.mirrorBacklog(records: 100)
        try db.store.markMirrored(first.map(\.entry))
        #expect(try db.store.mirrorBacklog(records: 100).isEmpty)
        #expect(try db.store.mirrorCounts().sent == 1)
        #expect(try db.store.mirrorMarks(observations: ["g1", "g2"]) == ["g1": .mirrored, "g2": .mirrored])

        try db.store.write([Self.call("g3", trace: "t1", at: 4)])
        #expect(try db.store.mirrorMarks(observations: ["g1", "g3"]) == ["g1": .mirrored, "g3": .pending])
        let second = Self.traces(try db.store.mirrorBacklog(records: 100))
        #expect(second.map { $0.observations.map(\.id) } == [["g3"]])
        #expect(second.first?.includesTraceFields == false)
    }

    @Test func aChangeDuringDeliveryKeepsTheEntryPending() throws {
        let db = try TemporaryStore()
        db.store.queuesForMirror = true
        try db.store.write([Fixture.trace("t1"), Self.call("g1", trace: "t1", at: 0)])
        let inFlight = try db.store.mirrorBacklog(records: 100)
        try db.store.write([Self.call("g2", trace: "t1", at: 3)])  // arrives while g1 is on the wire
        try db.store.markMirrored(inFlight.map(\.entry))
        let next = Self.traces(try db.store.mirrorBacklog(records: 100))
        #expect(next.map { $0.observations.map(\.id) } == [["g2"]])
    }

    @Test func aTraceChangedAloneCarriesItsFieldsOnItsRootObservation() throws {
        let db = try TemporaryStore()
        db.store.queuesForMirror = true
        try db.store.write([Fixture.trace("t1"), Self.call("g1", trace: "t1", at: 0)])
        try db.store.markMirrored(try db.store.mirrorBacklog(records: 100).map(\.entry))
        try db.store.write([.trace(TraceRecord(id: "t1", tags: ["reviewed"]))])
        let next = Self.traces(try db.store.mirrorBacklog(records: 100))
        #expect(next.count == 1)
        #expect(next.first?.includesTraceFields == true)
        #expect(next.first?.trace.tags == ["reviewed"])
        #expect(next.first?.observations.map(\.id) == ["g1"])
    }

    @Test func parkedEntriesShowTheirReasonUntilRetried() throws {
        let db = try TemporaryStore()
        db.store.queuesForMirror = true
        try db.store.write([Fixture.trace("t1"), Self.call("g1", trace: "t1", at: 0)])
        let items = try db.store.mirrorBacklog(records: 100)
        try db.store.parkMirror(items.map(\.entry), reason: "400: invalid usage")
        #expect(try db.store.mirrorBacklog(records: 100).isEmpty)
        #expect(try db.store.mirrorCounts().failed == 1)
        #expect(try db.store.mirrorMarks(observations: ["g1"]) == ["g1": .failed(reason: "400: invalid usage")])
        #expect(try db.store.mirrorFailures().first?.reason == "400: invalid usage")
        #expect(try db.store.retryParkedMirror() == 1)
        #expect(Self.traces(try db.store.mirrorBacklog(records: 100)).count == 1)
    }

    @Test func scoresAreQueuedAndPricedCostGoesAlong() throws {
        let db = try TemporaryStore()
        db.store.queuesForMirror = true
        let priced = Record.observation(
            ObservationRecord(
                id: "g1", traceId: "t1", kind: .generation, startTime: Fixture.time(0), model: "gpt-4o",
                usage: Usage(input: 1_000_000, output: 0)))
        try db.store.write([
            Fixture.trace("t1"), priced, .score(ScoreRecord(id: "s1", name: "quality", value: .number(0.9), traceId: "t1")),
        ])
        let items = try db.store.mirrorBacklog(records: 100)
        let scores = items.compactMap { if case .score(let score) = $0.payload { score.score } else { nil } }
        #expect(scores.map(\.id) == ["s1"])
        let cost = Self.traces(items).first?.observations.first?.cost?.total
        #expect((cost ?? 0) > 0)
    }

    @Test func backfillQueuesOnlyWhatWasAskedFor() throws {
        let db = try TemporaryStore()
        try db.store.write([
            Fixture.trace("a1", session: "a", at: 0), Self.call("ga", trace: "a1", at: 0),
            Fixture.trace("b1", session: "b", at: 100), Self.call("gb", trace: "b1", at: 100),
        ])
        #expect(try db.store.backfillMirror(session: "b") == 1)
        #expect(Self.traces(try db.store.mirrorBacklog(records: 100)).map(\.trace.id) == ["b1"])
        #expect(try db.store.backfillMirror(since: Fixture.time(50)) == 1)
        #expect(try db.store.backfillMirror() == 2)
        #expect(Self.traces(try db.store.mirrorBacklog(records: 100)).map(\.trace.id).sorted() == ["a1", "b1"])
        #expect(throws: StoreError.self) { try db.store.backfillMirror(session: "nope") }
    }

    @Test func theBacklogStopsNearTheRecordLimit() throws {
        let db = try TemporaryStore()
        db.store.queuesForMirror = true
        for index in 0..<5 {
            try db.store.write([
                Fixture.trace("t\(index)", at: Double(index)), Self.call("g\(index)a", trace: "t\(index)", at: Double(index)),
                Self.call("g\(index)b", trace: "t\(index)", at: Double(index) + 0.5),
            ])
        }
        #expect(try db.store.mirrorBacklog(records: 3).count == 2)
        #expect(try db.store.mirrorBacklog(records: 1).count == 1)
        #expect(try db.store.mirrorBacklog(records: 100).map(\.entry.row).count == 5)
    }
}
