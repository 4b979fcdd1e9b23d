import Foundation
import TurnscopeCollector
import TurnscopeGRPC
import TurnscopeMirror
import TurnscopeOTLP
import TurnscopeStore

/// `turnscope bench ingest`: a collector on a temporary database, driven over loopback by
/// concurrent clients, in runs of `seconds` each, each on a fresh database:
///
/// - HTTP, the mix an application sends: Langfuse batches (50 events) and OTLP exports (512 spans);
/// - the mix's OTLP exports alone, from every client: over HTTP, then the same load over OTLP/gRPC;
/// - Claude Code's log events (exports of 64 records) to `/v1/logs` over HTTP, then over gRPC.
struct IngestBenchmark {
    var directory: String
    var seconds: Double
    var clients: Int
    /// Whether the mirror is on while the clients send.
    var mirror = MirrorLeg.off

    /// How much of the mirror runs: the mirror benchmark tells the cost of queueing records in the
    /// outbox (the writer's work) from the cost of draining it alongside (the drainer's reads and
    /// CPU) by running each.
    enum MirrorLeg {
        /// No outbox, no drainer.
        case off
        /// Records queued in the outbox in the writer's transactions; nothing drains it.
        case queueOnly
        /// Queued and drained to this destination, as `turnscope serve` does with the mirror on.
        case draining(MirrorDestination)
    }
    /// Only the HTTP mix: what the mirror benchmark compares with the mirror off and on.
    var httpMixOnly = false

    typealias Traces = Opentelemetry_Proto_Collector_Trace_V1_TraceService
    typealias Logs = Opentelemetry_Proto_Collector_Logs_V1_LogsService

    func run(_ report: inout BenchReport) async throws {
        try await httpMix(&report)
        guard !httpMixOnly else { return }
        try await otlpOverGRPC(&report)
        try await claudeCodeLogs(&report)
    }

    /// The figures the benchmark always had: Langfuse batches and OTLP exports over HTTP.
    private func httpMix(_ report: inout BenchReport) async throws {
        let (samples, elapsed) = try await measure("ingest", &report) { httpPort, _ in
            try await HTTPIngestLoad.run(port: httpPort, clients: clients, seconds: seconds) { client, payloads in
                if client % 2 == 1 {
                    let (body, observations) = payloads.otlpExport()
                    return .init(path: "/v1/traces", contentType: "application/x-protobuf", body: body, items: observations, kind: "otlp")
                }
                let (body, observations) = payloads.langfuseBatch()
                return .init(path: "/api/public/ingestion", contentType: "application/json", body: body, items: observations, kind: "langfuse")
            }
        }
        report.add("ingest.observations_per_s", Self.rate(samples, elapsed), "obs/s", target: ">= 20000")
        let batches = samples.filter { $0.kind == "langfuse" }.map(\.latency)
        let exports = samples.filter { $0.kind == "otlp" }.map(\.latency)
        report.add("ingest.langfuse_batch_latency_p50", Measure.percentile(batches, 50) * 1000, "ms")
        report.add("ingest.langfuse_batch_latency_p99", Measure.percentile(batches, 99) * 1000, "ms", target: "< 50 ms")
        report.add("ingest.otlp_export_latency_p50", Measure.percentile(exports, 50) * 1000, "ms")
        report.add("ingest.otlp_export_latency_p99", Measure.percentile(exports, 99) * 1000, "ms")
        report.add("ingest.requests", Double(samples.count), "requests")
        if let rss = Measure.peakResidentMegabytes() { report.add("ingest.peak_rss", rss, "MB", target: "< 100 MB") }
    }

    /// The HTTP mix's OTLP exports (512 spans each), every client sending them: over HTTP, then
    /// the same load over gRPC, so the two protocols are compared on one load.
    private func otlpOverGRPC(_ report: inout BenchReport) async throws {
        let (overHTTP, httpElapsed) = try await measure("ingest-otlp-http", &report) { httpPort, _ in
            try await HTTPIngestLoad.run(port: httpPort, clients: clients, seconds: seconds) { _, payloads in
                let (body, observations) = payloads.otlpExport()
                return .init(path: "/v1/traces", contentType: "application/x-protobuf", body: body, items: observations, kind: "otlp")
            }
        }
        Self.addExportFigures("ingest.otlp_http", overHTTP, httpElapsed, &report)
        let (overGRPC, grpcElapsed) = try await measure("ingest-grpc", &report) { _, grpcPort in
            try await GRPCIngestLoad.run(
                port: grpcPort, clients: clients, seconds: seconds, kind: "otlp",
                make: { payloads in let (request, observations) = payloads.otlpTraceRequest(); return (request, observations) },
                send: { client, request in _ = try await Traces.Client(wrapping: client).export(request) })
        }
        Self.addExportFigures("ingest.grpc", overGRPC, grpcElapsed, &report)
    }

    private static func addExportFigures(_ prefix: String, _ samples: [IngestSample], _ elapsed: Double, _ report: inout BenchReport) {
        let latencies = samples.map(\.latency)
        report.add("\(prefix).observations_per_s", rate(samples, elapsed), "obs/s", target: ">= 20000")
        report.add("\(prefix).otlp_export_latency_p50", Measure.percentile(latencies, 50) * 1000, "ms")
        report.add("\(prefix).otlp_export_latency_p99", Measure.percentile(latencies, 99) * 1000, "ms", target: "<= 50 ms")
        report.add("\(prefix).requests", Double(samples.count), "requests")
    }

    /// Claude Code log-event exports, over HTTP (`/v1/logs`, protobuf) and then over gRPC.
    private func claudeCodeLogs(_ report: inout BenchReport) async throws {
        let (overHTTP, httpElapsed) = try await measure("ingest-logs-http", &report) { httpPort, _ in
            try await HTTPIngestLoad.run(port: httpPort, clients: clients, seconds: seconds) { _, payloads in
                let (body, records) = payloads.claudeCodeLogsBody()
                return .init(path: "/v1/logs", contentType: "application/x-protobuf", body: body, items: records, kind: "logs")
            }
        }
        Self.addLogFigures("ingest.logs_http", overHTTP, httpElapsed, &report)
        let (overGRPC, grpcElapsed) = try await measure("ingest-logs-grpc", &report) { _, grpcPort in
            try await GRPCIngestLoad.run(
                port: grpcPort, clients: clients, seconds: seconds, kind: "logs", make: { payloads in let (request, records) = payloads.claudeCodeLogs(); return (request, records) },
                send: { client, request in _ = try await Logs.Client(wrapping: client).export(request) })
        }
        Self.addLogFigures("ingest.logs_grpc", overGRPC, grpcElapsed, &report)
    }

    private static func addLogFigures(_ prefix: String, _ samples: [IngestSample], _ elapsed: Double, _ report: inout BenchReport) {
        let latencies = samples.map(\.latency)
        report.add("\(prefix).records_per_s", rate(samples, elapsed), "records/s")
        report.add("\(prefix).latency_p50", Measure.percentile(latencies, 50) * 1000, "ms")
        report.add("\(prefix).latency_p99", Measure.percentile(latencies, 99) * 1000, "ms", target: "<= 50 ms")
        report.add("\(prefix).requests", Double(samples.count), "requests")
    }

    /// Starts a collector with HTTP and gRPC on free loopback ports over a new database
    /// `name`.db (the mirror on when asked), puts `load` on it, stops everything, and returns the
    /// samples and the seconds the load took.
    private func measure(
        _ name: String, _ report: inout BenchReport,
        load: (_ httpPort: Int, _ grpcPort: Int) async throws -> [IngestSample]
    ) async throws -> ([IngestSample], Double) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try TraceStore(path: directory + "/\(name).db")
        var drainer: MirrorDrainer?
        switch mirror {
        case .off:
            break
        case .queueOnly:
            store.queuesForMirror = true
        case .draining(let destination):
            store.queuesForMirror = true
            drainer = MirrorDrainer(store: store, settings: MirrorSettings(destination: destination))
            drainer?.start()
        }
        let collector = Collector(store: store, configuration: CollectorConfiguration(port: 0))
        let grpc = OTLPGRPCServer(collector: collector, port: 0)
        let measured: Result<([IngestSample], Double), any Error>
        do {
            let httpPort = try await collector.start()
            let grpcPort = try await grpc.start()
            let begin = DispatchTime.now().uptimeNanoseconds
            let samples = try await load(httpPort, grpcPort)
            measured = .success((samples, Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9))
        } catch {
            measured = .failure(error)
        }
        await grpc.stop()
        await collector.stop()
        if let drainer {
            drainer.stop()
            report.add("\(name).mirror_pending_at_end", Double(try store.mirrorCounts().pending), "entries")
        }
        switch measured {
        case .success(let result): return result
        case .failure(let error as CommandError): throw error
        case .failure(let error): throw CommandError(error is CollectorError ? "\(error)" : "ingest benchmark failed: \(error)")
        }
    }

    private static func rate(_ samples: [IngestSample], _ elapsed: Double) -> Double {
        Double(samples.reduce(0) { $0 + $1.items }) / elapsed
    }
}
