import Foundation
import Testing

@testable import TurnscopeCLI

/// `turnscope bench ingest` with its collector in a child process (`bench-collector`): the figures
/// exist, the collector's peak memory is reported apart from the clients', failures of the child
/// are named, and no child outlives the benchmark. No wall-clock time is asserted.
@Suite struct IngestBenchTests {
    @Test func aShortIngestBenchReportsTheCollectorsPeakApartFromTheClients() throws {
        let runner = try CommandRunner()
        // Its temporary databases, and so its collectors' command lines, inside the runner's directory.
        let result = try runner.run(["bench", "ingest", "--seconds", "0.5", "--clients", "2"], environment: ["TMPDIR": runner.directory.path])
        #expect(result.status == 0, "\(result)")
        let figures = Self.figures(result)
        #expect((figures["ingest.observations_per_s"] ?? 0) > 0, "\(result)")
        #expect((figures["ingest.peak_rss"] ?? 0) > 0, "\(result)")
        #expect((figures["ingest.load_generator_peak_rss"] ?? 0) > 0, "\(result)")
        for leg in ["otlp_http", "grpc", "logs_http", "logs_grpc"] {
            #expect((figures["ingest.\(leg).peak_rss"] ?? 0) > 0, "ingest.\(leg).peak_rss\n\(result)")
        }
        #expect((figures["ingest.logs_grpc.records_per_s"] ?? 0) > 0, "\(result)")
        #expect(result.stdout.contains("< 100 MB"), "the collector's figure keeps its target\n\(result)")
        #if os(Linux)
        #expect(Self.processes(mentioning: runner.directory.path).isEmpty, "a collector outlived the benchmark")
        #endif
    }

    @Test func theCollectorProcessListensStoresAndReportsItsPeakWhenStopped() async throws {
        let runner = try CommandRunner()
        let collector = try await CollectorProcess.start(
            database: runner.database, mirror: .off, executable: CommandRunner.binary)
        let pid = collector.pid
        #expect(collector.ready.httpPort > 0 && collector.ready.grpcPort > 0)
        #expect(collector.ready.httpPort != collector.ready.grpcPort)
        var payloads = IngestPayloads(seed: 1)
        let (body, _) = payloads.langfuseBatch()
        let response = try LoopbackHTTPClient(port: collector.ready.httpPort)
            .post("/api/public/ingestion", contentType: "application/json", body: body)
        #expect((200..<300).contains(response.status), "\(String(decoding: response.body, as: UTF8.self))")
        let stopped = try await collector.stop()
        #expect((stopped.peakRSSMegabytes ?? 0) > 0)
        #expect(stopped.mirrorPending == nil)
        #expect(!Self.exists(pid), "the collector process is gone once stopped")
        // What it acknowledged was committed before it exited.
        let sessions = try runner.run(["sessions", "--db", runner.database, "--json"])
        #expect(sessions.status == 0, "\(sessions)")
        let listed = try #require(try parseJSON(sessions.stdout) as? [Any], "\(sessions)")
        #expect(!listed.isEmpty, "\(sessions)")
    }

    @Test func aChildThatPrintsSomethingElseFailsTheRunAndIsKilled() async throws {
        let child = try Self.shell("echo 'listening, probably'; exec sleep 30")
        let pid = child.pid
        let error = await #expect(throws: CommandError.self) { try await child.waitUntilReady(timeout: 30) }
        #expect(
            error?.description.contains("printed «listening, probably» where its ports were expected") == true,
            "\(String(describing: error))")
        #expect(!Self.exists(pid))
    }

    @Test func aChildThatDiesBeforeListeningIsReportedWithItsStatusAndError() async throws {
        let child = try Self.shell("echo 'Error: cannot open the database' >&2; exit 3")
        let error = await #expect(throws: CommandError.self) { try await child.waitUntilReady(timeout: 30) }
        let text = error?.description ?? ""
        #expect(text.contains("exited with status 3 before it said where it listens"), "\(text)")
        #expect(text.contains("Error: cannot open the database"), "\(text)")
    }

    @Test func aSilentChildIsKilledAtTheTimeout() async throws {
        let child = try Self.shell("exec sleep 30")
        let pid = child.pid
        let error = await #expect(throws: CommandError.self) { try await child.waitUntilReady(timeout: 0.2) }
        #expect(error?.description.contains("did not say where it listens within 0.2 s; killed it") == true, "\(String(describing: error))")
        #expect(!Self.exists(pid))
    }

    @Test func aChildThatDiesInsteadOfReportingItsFiguresIsNamed() async throws {
        // Says where it listens, then dies when told to stop.
        let ready = try BenchCollectorLines.encode(BenchCollectorLines.Ready(httpPort: 1, grpcPort: 2))
        let child = try Self.shell("echo '\(ready)'; read line; echo 'Error: disk full' >&2; exit 1")
        try await child.waitUntilReady(timeout: 30)
        #expect(child.ready == BenchCollectorLines.Ready(httpPort: 1, grpcPort: 2))
        let error = await #expect(throws: CommandError.self) { try await child.stop(timeout: 30) }
        let text = error?.description ?? ""
        #expect(text.contains("exited with status 1 before it reported its figures: Error: disk full"), "\(text)")
    }

    @Test func benchCollectorAnswersItsProtocolOnItsStandardStreams() throws {
        let runner = try CommandRunner()
        let result = try runner.run(["bench-collector", "--database", runner.database], stdin: Data("stop\n".utf8))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines.count == 2, "\(result)")
        let ready = BenchCollectorLines.decode(BenchCollectorLines.Ready.self, result.stdoutLines.first ?? "")
        #expect((ready?.httpPort ?? 0) > 0, "\(result)")
        let stopped = BenchCollectorLines.decode(BenchCollectorLines.Stopped.self, result.stdoutLines.last ?? "")
        #expect((stopped?.peakRSSMegabytes ?? 0) > 0, "\(result)")
        // One cannot be read as the other.
        #expect(BenchCollectorLines.decode(BenchCollectorLines.Stopped.self, result.stdoutLines.first ?? "") == nil)
    }

    @Test func benchCollectorIsHiddenAndRefusesDrainingWithoutADestination() throws {
        let runner = try CommandRunner()
        let help = try runner.run(["--help"])
        #expect(!help.stdout.contains("bench-collector"), "\(help)")
        let result = try runner.run(
            ["bench-collector", "--database", runner.database, "--mirror", "draining"],
            environment: ["LANGFUSE_HOST": "", "LANGFUSE_PUBLIC_KEY": "", "LANGFUSE_SECRET_KEY": ""])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("--mirror draining needs LANGFUSE_HOST"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test func aShortMirrorBenchStillMeasuresEachLeg() throws {
        let runner = try CommandRunner()
        let result = try runner.run(
            ["bench", "mirror", "--observations", "500", "--seconds", "0.5", "--clients", "2"],
            environment: ["TMPDIR": runner.directory.path])
        #expect(result.status == 0, "\(result)")
        let figures = Self.figures(result)
        for leg in ["off", "queued", "on"] {
            #expect((figures["mirror.ingest_\(leg)_observations_per_s"] ?? 0) > 0, "\(leg)\n\(result)")
        }
        #expect(figures["mirror.ingest_on_pending_at_end"] != nil, "\(result)")
        #if os(Linux)
        #expect(Self.processes(mentioning: runner.directory.path).isEmpty, "a collector outlived the benchmark")
        #endif
    }

    /// The figures of a benchmark's JSON lines, by name.
    private static func figures(_ result: CommandOutput) -> [String: Double] {
        var figures: [String: Double] = [:]
        for line in result.stdoutLines where line.hasPrefix("{") {
            guard let object = try? parseJSON(line) as? [String: Any], let name = object["bench"] as? String,
                let value = object["value"] as? Double
            else { continue }
            figures[name] = value
        }
        return figures
    }

    /// A child that stands in for the collector, to see how its failures are reported. A script
    /// that waits must `exec` its last command: Foundation sees a process end only once everything
    /// it started has closed its pipes, so a `sleep` left behind by a killed shell would hold the
    /// test for its whole length.
    private static func shell(_ script: String) throws -> CollectorProcess {
        try CollectorProcess(
            executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script], environment: ProcessInfo.processInfo.environment)
    }

    /// Whether a process with this id exists (a zombie counts: it was not waited for).
    private static func exists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    /// The ids of the processes whose command line contains `text`.
    private static func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry),
                let commandLine = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            return String(decoding: commandLine.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(text) ? pid : nil
        }
    }
}
