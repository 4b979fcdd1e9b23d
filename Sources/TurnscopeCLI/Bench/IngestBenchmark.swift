import Foundation
import Synchronization
import TurnscopeCollector
import TurnscopeMirror
import TurnscopeStore

/// `turnscope bench ingest`: a collector on a temporary database, driven over loopback by
/// concurrent clients sending Langfuse batches (50 events) and OTLP exports (512 spans).
struct IngestBenchmark {
    var directory: String
    var seconds: Double
    var clients: Int
    /// When set, the mirror is on: records are queued in the outbox and drained to this
    /// destination while the clients send, as `turnscope serve` does with the mirror on.
    var mirrorTo: MirrorDestination?

    private struct Sample {
        var latency: Double
        var observations: Int
        var kind: String
    }

    func run(_ report: inout BenchReport) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try TraceStore(path: directory + "/ingest.db")
        var drainer: MirrorDrainer?
        if let mirrorTo {
            store.queuesForMirror = true
            drainer = MirrorDrainer(store: store, settings: MirrorSettings(destination: mirrorTo))
            drainer?.start()
        }
        let collector = Collector(store: store, configuration: CollectorConfiguration(port: 0))
        let port: Int
        do {
            port = try await collector.start()
        } catch {
            throw CommandError(error.description)
        }
        let samples = Mutex<[Sample]>([])
        let failures = Mutex<[String]>([])
        let deadline = Date().addingTimeInterval(seconds)
        let done = DispatchGroup()
        let begin = DispatchTime.now().uptimeNanoseconds
        for client in 0..<clients {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                do {
                    let connection = try LoopbackHTTPClient(port: port)
                    var payloads = IngestPayloads(seed: client)
                    while Date() < deadline {
                        let otlp = client % 2 == 1
                        let (body, observations) = otlp ? payloads.otlpExport() : payloads.langfuseBatch()
                        let start = DispatchTime.now().uptimeNanoseconds
                        let response = otlp
                            ? try connection.post("/v1/traces", contentType: "application/x-protobuf", body: body)
                            : try connection.post("/api/public/ingestion", contentType: "application/json", body: body)
                        let latency = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        guard (200..<300).contains(response.status) else {
                            failures.withLock { $0.append("status \(response.status): \(String(decoding: response.body.prefix(200), as: UTF8.self))") }
                            return
                        }
                        samples.withLock { $0.append(Sample(latency: latency, observations: observations, kind: otlp ? "otlp" : "langfuse")) }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            thread.start()
        }
        await withCheckedContinuation { continuation in
            done.notify(queue: .global()) { continuation.resume() }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
        await collector.stop()
        if let drainer {
            drainer.stop()
            report.add("ingest.mirror_pending_at_end", Double(try store.mirrorCounts().pending), "entries")
        }
        if let failure = failures.withLock({ $0.first }) { throw CommandError("ingest benchmark failed: \(failure)") }
        let all = samples.withLock { $0 }
        let observations = all.reduce(0) { $0 + $1.observations }
        report.add("ingest.observations_per_s", Double(observations) / elapsed, "obs/s", target: ">= 20000")
        let batches = all.filter { $0.kind == "langfuse" }.map(\.latency)
        let exports = all.filter { $0.kind == "otlp" }.map(\.latency)
        report.add("ingest.langfuse_batch_latency_p50", Measure.percentile(batches, 50) * 1000, "ms")
        report.add("ingest.langfuse_batch_latency_p99", Measure.percentile(batches, 99) * 1000, "ms", target: "< 50 ms")
        report.add("ingest.otlp_export_latency_p50", Measure.percentile(exports, 50) * 1000, "ms")
        report.add("ingest.otlp_export_latency_p99", Measure.percentile(exports, 99) * 1000, "ms")
        report.add("ingest.requests", Double(all.count), "requests")
        if let rss = Measure.peakResidentMegabytes() { report.add("ingest.peak_rss", rss, "MB", target: "< 100 MB") }
    }
}
