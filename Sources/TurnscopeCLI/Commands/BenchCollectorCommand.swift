import ArgumentParser
import Foundation
import TurnscopeCollector
import TurnscopeGRPC
import TurnscopeMirror
import TurnscopeStore

/// `turnscope bench-collector`: the collector of `bench ingest`, in a process of its own, so that
/// the benchmark's memory figure is the collector's and not its load generator's. Not for users:
/// the benchmark starts it, and it speaks `BenchCollectorLines` on its standard input and output.
struct BenchCollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-collector",
        abstract: "The collector of `bench ingest` in a process of its own (started by the benchmark).",
        discussion: """
            Listens on free loopback ports (HTTP and OTLP/gRPC) and prints them as a JSON line, then \
            collects until a line `stop` or the end of standard input, stops, prints its peak memory \
            as a JSON line and exits. With --mirror draining the destination is LANGFUSE_HOST, \
            LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY.
            """,
        shouldDisplay: false)

    @Option(help: ArgumentHelp("The database to collect into (created when missing).", valueName: "file"))
    var database: String

    @Option(help: "off: no outbox; queued: records queued in the outbox, nothing drains it; draining: queued and drained.")
    var mirror = BenchCollectorLines.Mirror.off

    func run() async throws {
        let store = try TraceStore(path: database)
        let drainer = try startMirror(on: store)
        // Opened as `IngestBenchmark` always opened it in its own process: HTTP and gRPC on port 0.
        let collector = Collector(store: store, configuration: CollectorConfiguration(port: 0))
        let grpc = OTLPGRPCServer(collector: collector, port: 0)
        let ready: BenchCollectorLines.Ready
        do {
            ready = BenchCollectorLines.Ready(httpPort: try await collector.start(), grpcPort: try await grpc.start())
        } catch {
            await grpc.stop()
            await collector.stop()
            drainer?.stop()
            throw CommandError("\(error)")
        }
        try Self.say(ready)
        await Self.untilStopped()
        // The servers answer what they have in flight, then the writer commits the rest: the
        // peak is read once nothing more can be stored.
        await grpc.stop()
        await collector.stop()
        drainer?.stop()
        let pending = try drainer.map { _ in try store.mirrorCounts().pending }
        try Self.say(BenchCollectorLines.Stopped(peakRSSMegabytes: Measure.peakResidentMegabytes(), mirrorPending: pending))
    }

    /// Makes `store` queue records for the mirror when asked, and starts draining them.
    private func startMirror(on store: TraceStore) throws -> MirrorDrainer? {
        switch mirror {
        case .off:
            return nil
        case .queued:
            store.queuesForMirror = true
            return nil
        case .draining:
            // Read from the environment rather than the command line, so the keys never show in
            // a process listing; the gate's checks are not wanted here (the fake is plain HTTP).
            let environment = ProcessInfo.processInfo.environment
            let names = ["LANGFUSE_HOST", "LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"]
            let values = names.map { environment[$0] ?? "" }
            if let missing = zip(names, values).first(where: { $0.1.isEmpty })?.0 {
                throw CommandError("--mirror draining needs \(missing)")
            }
            store.queuesForMirror = true
            let drainer = MirrorDrainer(
                store: store, settings: MirrorSettings(destination: MirrorDestination(host: values[0], publicKey: values[1], secretKey: values[2])))
            drainer.start()
            return drainer
        }
    }

    /// Writes `line` to standard output at once: the benchmark is waiting for it on a pipe.
    private static func say(_ line: some BenchCollectorLines.Line) throws {
        print(try BenchCollectorLines.encode(line))
        fflush(nil)
    }

    /// Returns at a line `stop` or at the end of standard input (the benchmark closed it, or died).
    private static func untilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                while let line = readLine(), line != BenchCollectorLines.stop {}
                continuation.resume()
            }.start()
        }
    }
}
