import Foundation
import TurnscopeGRPC
import TurnscopeMirror
import TurnscopeOTLP

/// `turnscope bench ingest`: a collector on a temporary database, driven over loopback by
/// concurrent clients, in runs of `seconds` each, each on a fresh database:
///
/// - HTTP, the mix an application sends: Langfuse batches (50 events) and OTLP exports (512 spans);
/// - the mix's OTLP exports alone, from every client: over HTTP, then the same load over OTLP/gRPC;
/// - Claude Code's log events (exports of 64 records) to `/v1/logs` over HTTP, then over gRPC.
///
/// The collector runs in a child process (`CollectorProcess`) and the clients in this one, so that
/// each run's peak memory is the collector's own; this process's is reported apart.
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
        let run = try await measure("ingest", &report) { httpPort, _ in
            try await HTTPIngestLoad.run(port: httpPort, clients: clients, seconds: seconds) { client, payloads in
                if client % 2 == 1 {
                    let (body, observations) = payloads.otlpExport()
                    return .init(path: "/v1/traces", contentType: "application/x-protobuf", body: body, items: observations, kind: "otlp")
                }
                let (body, observations) = payloads.langfuseBatch()
                return .init(path: "/api/public/ingestion", contentType: "application/json", body: body, items: observations, kind: "langfuse")
            }
        }
        let samples = run.samples
        report.add("ingest.observations_per_s", Self.rate(run), "obs/s", target: ">= 20000")
        let batches = samples.filter { $0.kind == "langfuse" }.map(\.latency)
        let exports = samples.filter { $0.kind == "otlp" }.map(\.latency)
        report.add("ingest.langfuse_batch_latency_p50", Measure.percentile(batches, 50) * 1000, "ms")
        report.add("ingest.langfuse_batch_latency_p99", Measure.percentile(batches, 99) * 1000, "ms", target: "< 50 ms")
        report.add("ingest.otlp_export_latency_p50", Measure.percentile(exports, 50) * 1000, "ms")
        report.add("ingest.otlp_export_latency_p99", Measure.percentile(exports, 99) * 1000, "ms")
        report.add("ingest.requests", Double(samples.count), "requests")
        Self.addPeak("ingest.peak_rss", run, &report, target: "< 100 MB")
        // This process's peak so far: the clients, their payloads and samples, apart from the
        // collector (this leg runs first, so nothing else is in it).
        if let rss = Measure.peakResidentMegabytes() { report.add("ingest.load_generator_peak_rss", rss, "MB") }
    }

    /// The HTTP mix's OTLP exports (512 spans each), every client sending them: over HTTP, then
    /// the same load over gRPC, so the two protocols are compared on one load.
    private func otlpOverGRPC(_ report: inout BenchReport) async throws {
        let overHTTP = try await measure("ingest-otlp-http", &report) { httpPort, _ in
            try await HTTPIngestLoad.run(port: httpPort, clients: clients, seconds: seconds) { _, payloads in
                let (body, observations) = payloads.otlpExport()
                return .init(path: "/v1/traces", contentType: "application/x-protobuf", body: body, items: observations, kind: "otlp")
            }
        }
        Self.addExportFigures("ingest.otlp_http", overHTTP, &report)
        let overGRPC = try await measure("ingest-grpc", &report) { _, grpcPort in
            try await GRPCIngestLoad.run(
                port: grpcPort, clients: clients, seconds: seconds, kind: "otlp",
                make: { payloads in let (request, observations) = payloads.otlpTraceRequest(); return (request, observations) },
                send: { client, request in _ = try await Traces.Client(wrapping: client).export(request) })
        }
        Self.addExportFigures("ingest.grpc", overGRPC, &report)
    }

    private static func addExportFigures(_ prefix: String, _ run: Run, _ report: inout BenchReport) {
        let latencies = run.samples.map(\.latency)
        report.add("\(prefix).observations_per_s", rate(run), "obs/s", target: ">= 20000")
        report.add("\(prefix).otlp_export_latency_p50", Measure.percentile(latencies, 50) * 1000, "ms")
        report.add("\(prefix).otlp_export_latency_p99", Measure.percentile(latencies, 99) * 1000, "ms", target: "<= 50 ms")
        report.add("\(prefix).requests", Double(run.samples.count), "requests")
        addPeak("\(prefix).peak_rss", run, &report)
    }

    /// Claude Code log-event exports, over HTTP (`/v1/logs`, protobuf) and then over gRPC.
    private func claudeCodeLogs(_ report: inout BenchReport) async throws {
        let overHTTP = try await measure("ingest-logs-http", &report) { httpPort, _ in
            try await HTTPIngestLoad.run(port: httpPort, clients: clients, seconds: seconds) { _, payloads in
                let (body, records) = payloads.claudeCodeLogsBody()
                return .init(path: "/v1/logs", contentType: "application/x-protobuf", body: body, items: records, kind: "logs")
            }
        }
        Self.addLogFigures("ingest.logs_http", overHTTP, &report)
        let overGRPC = try await measure("ingest-logs-grpc", &report) { _, grpcPort in
            try await GRPCIngestLoad.run(
                port: grpcPort, clients: clients, seconds: seconds, kind: "logs", make: { payloads in let (request, records) = payloads.claudeCodeLogs(); return (request, records) },
                send: { client, request in _ = try await Logs.Client(wrapping: client).export(request) })
        }
        Self.addLogFigures("ingest.logs_grpc", overGRPC, &report)
    }

    private static func addLogFigures(_ prefix: String, _ run: Run, _ report: inout BenchReport) {
        let latencies = run.samples.map(\.latency)
        report.add("\(prefix).records_per_s", rate(run), "records/s")
        report.add("\(prefix).latency_p50", Measure.percentile(latencies, 50) * 1000, "ms")
        report.add("\(prefix).latency_p99", Measure.percentile(latencies, 99) * 1000, "ms", target: "<= 50 ms")
        report.add("\(prefix).requests", Double(run.samples.count), "requests")
        addPeak("\(prefix).peak_rss", run, &report)
    }

    /// What one run measured: the answered requests, the seconds the load took, and what the
    /// collector process said once it stopped.
    private struct Run {
        var samples: [IngestSample]
        var elapsed: Double
        var collector: BenchCollectorLines.Stopped
    }

    /// Starts a collector in a process of its own (`CollectorProcess`), with HTTP and gRPC on free
    /// loopback ports over a new database `name`.db (the mirror on when asked), puts `load` on it
    /// from this process, stops it, and returns what was measured.
    private func measure(
        _ name: String, _ report: inout BenchReport,
        load: (_ httpPort: Int, _ grpcPort: Int) async throws -> [IngestSample]
    ) async throws -> Run {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let collector = try await CollectorProcess.start(database: directory + "/\(name).db", mirror: mirror)
        let measured: Result<([IngestSample], Double), any Error>
        do {
            let begin = DispatchTime.now().uptimeNanoseconds
            let samples = try await load(collector.ready.httpPort, collector.ready.grpcPort)
            measured = .success((samples, Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9))
        } catch {
            measured = .failure(error)
        }
        // Stopped whatever the load did; when the collector died, its end explains the clients'
        // failures better than they do, so that error is the one thrown.
        let stopped = try await collector.stop()
        if case .draining = mirror {
            report.add("\(name).mirror_pending_at_end", Double(stopped.mirrorPending ?? 0), "entries")
        }
        switch measured {
        case .success(let (samples, elapsed)): return Run(samples: samples, elapsed: elapsed, collector: stopped)
        case .failure(let error as CommandError): throw error
        case .failure(let error): throw CommandError("ingest benchmark failed: \(error)")
        }
    }

    /// The collector process's peak memory as `name`, when it could be read.
    private static func addPeak(_ name: String, _ run: Run, _ report: inout BenchReport, target: String? = nil) {
        if let rss = run.collector.peakRSSMegabytes { report.add(name, rss, "MB", target: target) }
    }

    private static func rate(_ run: Run) -> Double {
        Double(run.samples.reduce(0) { $0 + $1.items }) / run.elapsed
    }
}
