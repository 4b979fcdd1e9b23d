import FakeLangfuse
import Foundation
import Testing
import TurnscopeMirror
import TurnscopeModel
import TurnscopeStore

/// The drainer against a fake Langfuse on loopback: what arrives, and every failure mode the issue
/// names (207 partial errors, 400, 413, 429 with Retry-After, 500, slow answers, dropped
/// connections, a server without the OTLP endpoint).
@Suite("Mirror drainer", .serialized)
struct MirrorDrainerTests {
    @Test("delivers every observation once, with Langfuse's keys, and marks it mirrored")
    func delivers() throws {
        let fixture = try DrainFixture()
        let first = try fixture.writeTrace("trace-a")
        let second = try fixture.writeTrace("trace-b", calls: 1)
        try fixture.store.write([.score(ScoreRecord(id: "score-1", name: "quality", value: .number(0.9), traceId: "trace-a"))])
        fixture.drain()

        let spans = fixture.fake.spans
        #expect(Set(spans.map(\.spanId)) == Set((first + second).map(UpstreamIds.span)))
        #expect(Set(spans.map(\.traceId)) == [UpstreamIds.trace("trace-a"), UpstreamIds.trace("trace-b")])
        #expect(spans.allSatisfy { $0.attributes["session.id"] == .string("sess-1") })
        #expect(spans.allSatisfy { $0.attributes["langfuse.observation.type"] == .string("generation") })
        #expect(fixture.fake.violations.isEmpty, "\(fixture.fake.violations)")
        let otlpRequests = fixture.fake.requests.filter { $0.endpoint == .otlp }
        #expect(!otlpRequests.isEmpty)
        #expect(otlpRequests.allSatisfy { $0.headers["x-langfuse-ingestion-version"] == "4" })
        #expect(otlpRequests.allSatisfy { $0.headers["content-encoding"] == "gzip" })
        let scores = fixture.fake.events.filter { $0.type == "score-create" }
        #expect(scores.count == 1)
        #expect(scores.first?.body.objectValue?["traceId"]?.stringValue == UpstreamIds.trace("trace-a"))

        let counts = try fixture.store.mirrorCounts()
        #expect(counts.pending == 0 && counts.failed == 0 && counts.sent == 3)
        #expect(counts.transport == "otlp")
        #expect(counts.lastSuccessTime != nil)
        #expect(try fixture.store.mirrorMarks(observations: first) == Dictionary(uniqueKeysWithValues: first.map { ($0, MirrorMark.mirrored) }))
        #expect(try fixture.store.mirrorLink(observation: first[0]) == "\(fixture.fake.host)/trace/\(UpstreamIds.trace("trace-a"))")
    }

    @Test("413 halves the batch until it fits; nothing is lost")
    func tooLarge() throws {
        let fixture = try DrainFixture()
        let ids = try fixture.writeTrace("t1", calls: 3) + fixture.writeTrace("t2", calls: 3)
        fixture.fake.enqueue(.status(413), for: .otlp)
        fixture.fake.enqueue(.status(413), for: .otlp)
        fixture.drain()
        #expect(Set(fixture.fake.spans.map(\.spanId)) == Set(ids.map(UpstreamIds.span)))
        #expect(try fixture.store.mirrorCounts().pending == 0)
        #expect(fixture.fake.requests.filter { $0.endpoint == .otlp }.count >= 4)
    }

    @Test("a body over the size limit is halved before it is sent")
    func sizeLimit() throws {
        let fixture = try DrainFixture(maximumBodyBytes: 1)
        let ids = try fixture.writeTrace("t1", calls: 2) + fixture.writeTrace("t2", calls: 2)
        fixture.drain()
        let otlp = fixture.fake.requests.filter { $0.endpoint == .otlp }
        // Every observation went alone: nothing smaller than one observation can be sent.
        #expect(otlp.count == ids.count)
        #expect(Set(fixture.fake.spans.map(\.spanId)) == Set(ids.map(UpstreamIds.span)))
        #expect(try fixture.store.mirrorCounts().sent == 2)
    }

    @Test("400 isolates the refused trace and parks it with the reason; retry queues it again")
    func invalid() throws {
        let fixture = try DrainFixture()
        try fixture.writeTrace("bad", calls: 1)
        let good = try fixture.writeTrace("good", calls: 1)
        // The whole batch, then its first half (the bad trace alone) are refused; the rest passes.
        fixture.fake.enqueue(.status(400, body: "{\"error\":\"invalid usage\"}"), for: .otlp)
        fixture.fake.enqueue(.status(400, body: "{\"error\":\"invalid usage\"}"), for: .otlp)
        fixture.drain()
        let counts = try fixture.store.mirrorCounts()
        #expect(counts.failed == 1 && counts.sent == 1 && counts.pending == 0)
        #expect(Set(fixture.fake.spans.map(\.spanId)) == Set(good.map(UpstreamIds.span)))
        #expect(try fixture.store.mirrorFailures().first?.reason.contains("invalid usage") == true)
        guard case .failed(let reason)? = try fixture.store.mirrorMarks(observations: ["bad-g0"])["bad-g0"] else {
            Issue.record("the refused turn must be marked failed")
            return
        }
        #expect(reason.hasPrefix("400"))

        #expect(try fixture.store.retryParkedMirror() == 1)
        fixture.drain()
        #expect(try fixture.store.mirrorCounts().failed == 0)
        #expect(fixture.fake.spans.contains { $0.spanId == UpstreamIds.span("bad-g0") })
    }

    @Test("429 waits as long as Retry-After says, then delivers")
    func rateLimited() throws {
        let fixture = try DrainFixture()
        try fixture.writeTrace("t1", calls: 1)
        fixture.fake.enqueue(.status(429, headers: ["Retry-After": "3"]), for: .otlp)
        let first = fixture.drainer.drainOnce()
        guard case .backingOff(let seconds, let reason) = first else {
            Issue.record("expected a back-off, got \(first)")
            return
        }
        #expect(seconds == 3)
        #expect(reason.hasPrefix("429"))
        #expect(try fixture.store.mirrorCounts().pending == 1)
        #expect(try fixture.store.mirrorCounts().lastError?.hasPrefix("429") == true)
        fixture.drain()
        #expect(try fixture.store.mirrorCounts().sent == 1)
    }

    @Test("500, a dropped connection and a slow answer are retried with growing delays")
    func transientFailures() throws {
        let fixture = try DrainFixture(totalTimeout: 0.5)
        let ids = try fixture.writeTrace("t1", calls: 2)
        fixture.fake.enqueue(.status(500), for: .otlp)
        // libcurl retries a request once by itself when a reused connection turns out closed, so
        // the server drops twice for the drainer to see a dropped connection at all.
        fixture.fake.enqueue(.drop, for: .otlp)
        fixture.fake.enqueue(.drop, for: .otlp)
        fixture.fake.enqueue(.delay(seconds: 2, then: .status(200, body: "{}")), for: .otlp)
        let rounds = fixture.drain()
        let delays = rounds.compactMap { round -> Double? in
            if case .backingOff(let seconds, _) = round { return seconds }
            return nil
        }
        // Three failures at least (libcurl's own retry of a dropped reused connection may or may
        // not take the second drop), each followed by a wait.
        #expect(delays.count >= 3, "\(rounds)")
        #expect(delays.last! > delays.first!)
        #expect(try fixture.store.mirrorCounts().sent == 1)
        // At least once: the slow answer may have been stored upstream too; nothing is missing.
        #expect(Set(fixture.fake.spans.map(\.spanId)).isSuperset(of: ids.map(UpstreamIds.span)))
    }

    @Test("a server without the OTLP endpoint gets batch ingestion, and the status says so")
    func olderServer() throws {
        let fixture = try DrainFixture(otlpAvailable: false)
        let ids = try fixture.writeTrace("t1", calls: 2)
        fixture.drain()
        #expect(fixture.drainer.wire == .ingestion)
        let events = fixture.fake.events
        #expect(events.contains { $0.type == "trace-create" && $0.body.objectValue?["id"]?.stringValue == UpstreamIds.trace("t1") })
        let generations = events.filter { $0.type == "generation-create" }.compactMap { $0.body.objectValue?["id"]?.stringValue }
        #expect(Set(generations) == Set(ids.map(UpstreamIds.span)))
        #expect(fixture.fake.violations.isEmpty, "\(fixture.fake.violations)")
        #expect(try fixture.store.mirrorCounts().transport == "ingestion")
        #expect(try fixture.store.mirrorCounts().pending == 0)
    }

    @Test("a 207 with per-event errors parks only the refused scores")
    func partialErrors() throws {
        let fixture = try DrainFixture()
        try fixture.store.write([
            .score(ScoreRecord(id: "s1", name: "quality", value: .number(1), sessionId: "sess-1")),
            .score(ScoreRecord(id: "s2", name: "quality", value: .number(0), sessionId: "sess-1")),
        ])
        fixture.fake.enqueue(.partialErrors(count: 1), for: .ingestion)
        fixture.drain()
        let counts = try fixture.store.mirrorCounts()
        #expect(counts.failed == 1 && counts.sent == 1 && counts.pending == 0, "\(counts) \(fixture.fake.violations)")
    }

    @Test("--mirror-redact: content never leaves, structure, names, usage and cost do")
    func redacted() throws {
        let fixture = try DrainFixture(redact: true)
        try fixture.writeTrace("t1", calls: 1, secret: "the launch code is 1234")
        fixture.drain()
        let spans = fixture.fake.spans
        #expect(spans.count == 1)
        let text = spans.flatMap { $0.attributes.values.map { "\($0)" } }.joined(separator: "\n")
        #expect(!text.contains("launch code"))
        #expect(text.contains("[redacted by turnscope]"))
        #expect(spans.first?.attributes["langfuse.observation.model.name"] == .string("gpt-4o"))
        #expect(text.contains("lookup"))
        // Local data stays whole.
        let turn = try fixture.store.turn(id: "t1-g0")
        #expect(turn?.observation.input?.messages?.last?.searchableText.contains("launch code") == true)
    }

    @Test("a drainer stopped mid-way leaves the rest for the next one; every record arrives")
    func resumes() throws {
        let fixture = try DrainFixture(recordsPerRequest: 2)
        var ids: [String] = []
        for index in 0..<6 { ids += try fixture.writeTrace("t\(index)", calls: 2) }
        for _ in 0..<3 { fixture.fake.enqueue(.delay(seconds: 0.2, then: .status(200, body: "{}")), for: .otlp) }
        fixture.drainer.start()
        _ = fixture.fake.waitFor(spans: 2, timeout: 10)
        fixture.drainer.stop()
        #expect(try fixture.store.mirrorCounts().pending > 0)

        let next = MirrorDrainer(store: fixture.store, settings: fixture.drainer.settings)
        while next.drainOnce() != .idle {}
        #expect(Set(fixture.fake.spans.map(\.spanId)) == Set(ids.map(UpstreamIds.span)))
        #expect(try fixture.store.mirrorCounts().pending == 0)
    }
}
