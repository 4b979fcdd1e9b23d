import FakeLangfuse
import Foundation
import TurnscopeMirror
import TurnscopeModel
import TurnscopeStore

/// `turnscope bench mirror`: drains queued observations to a fake Langfuse on loopback, then
/// measures ingest with the mirror off, with records queued but not drained, and on, in the same
/// run: the queued leg separates the writer's share of the slowdown from the drainer's.
struct MirrorBenchmark {
    var directory: String
    var observations: Int
    var seconds: Double
    var clients: Int

    static let publicKey = "pk-lf-bench"
    static let secretKey = "sk-lf-bench"

    func run(_ report: inout BenchReport) async throws {
        try drain(&report)
        let fake = try FakeLangfuse(publicKey: Self.publicKey, secretKey: Self.secretKey, keepsReceived: false)
        defer { fake.stop() }
        // Off, queued only and on, back to back in one run: ingest figures move ±10% between runs.
        var rates: [String: Double] = [:]
        var on = BenchReport(echoes: false)
        for (name, leg) in [("off", IngestBenchmark.MirrorLeg.off), ("queued", .queueOnly), ("on", .draining(Self.destination(fake)))] {
            var legReport = BenchReport(echoes: false)
            try await IngestBenchmark(directory: directory + "/" + name, seconds: seconds, clients: clients, mirror: leg, httpMixOnly: true)
                .run(&legReport)
            rates[name] = legReport.value("ingest.observations_per_s") ?? 0
            if name == "on" { on = legReport }
        }
        let offRate = rates["off", default: 0]
        func slowdown(_ rate: Double) -> Double { offRate > 0 ? (1 - rate / offRate) * 100 : 0 }
        report.add("mirror.ingest_off_observations_per_s", offRate, "obs/s")
        report.add("mirror.ingest_queued_observations_per_s", rates["queued", default: 0], "obs/s")
        report.add("mirror.ingest_on_observations_per_s", rates["on", default: 0], "obs/s")
        report.add("mirror.ingest_slowdown_queueing", slowdown(rates["queued", default: 0]), "%")
        report.add("mirror.ingest_slowdown", slowdown(rates["on", default: 0]), "%", target: "<= 10")
        report.add("mirror.ingest_on_langfuse_batch_latency_p99", on.value("ingest.langfuse_batch_latency_p99") ?? 0, "ms")
        report.add("mirror.ingest_on_pending_at_end", on.value("ingest.mirror_pending_at_end") ?? 0, "entries")
    }

    static func destination(_ fake: FakeLangfuse) -> MirrorDestination {
        MirrorDestination(host: fake.host, publicKey: publicKey, secretKey: secretKey)
    }

    /// Queues `observations` observations of agent sessions, then times a drainer emptying the outbox.
    private func drain(_ report: inout BenchReport) throws {
        try FileManager.default.createDirectory(atPath: directory + "/drain", withIntermediateDirectories: true)
        let store = try TraceStore(path: directory + "/drain/mirror.db")
        store.queuesForMirror = true
        // Short sessions and tool outputs of a few hundred bytes: each span carries its prompt
        // (every earlier message of its session), a few kilobytes, as the Langfuse SDKs send it.
        var workload = AgentWorkload(concurrentSessions: 50)
        workload.turnsPerSession = 8
        workload.toolResultBytes = 300
        workload.toolSpans = true
        var queued = 0
        while queued < observations {
            let records = workload.records(turns: 500)
            try store.write(records)
            queued += records.filter { if case .observation = $0 { true } else { false } }.count
        }
        let fake = try FakeLangfuse(publicKey: Self.publicKey, secretKey: Self.secretKey, keepsReceived: false)
        defer { fake.stop() }
        let drainer = MirrorDrainer(
            store: store, settings: MirrorSettings(destination: Self.destination(fake), idleInterval: 0.01))
        let start = DispatchTime.now().uptimeNanoseconds
        drainer.start()
        while try store.mirrorCounts().pending > 0 { Thread.sleep(forTimeInterval: 0.02) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        drainer.stop()
        let received = drainer.deliveredRecords
        guard received >= queued else { throw CommandError("mirror benchmark: \(received) of \(queued) observations delivered") }
        report.add("mirror.drain_observations_per_s", Double(queued) / elapsed, "obs/s", target: ">= 10000")
        report.add("mirror.drain_observations", Double(queued), "obs")
        report.add("mirror.drain_requests", Double(fake.receivedRequestCount), "requests")
        report.add("mirror.drain_bytes_per_observation", Double(fake.receivedBodyBytes) / Double(max(1, queued)), "B (gzip)")
        if let failure = try store.mirrorCounts().lastError, try store.mirrorCounts().failed > 0 {
            throw CommandError("mirror benchmark: records refused: \(failure)")
        }
    }
}
