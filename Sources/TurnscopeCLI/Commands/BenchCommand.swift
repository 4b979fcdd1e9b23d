import ArgumentParser
import Foundation

/// `turnscope bench NAME`: measures a capability and prints one JSON line per figure, then a table.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure a capability: prints one JSON line per figure, then a table.",
        discussion: """
            ingest: a collector on a temporary database driven over loopback by concurrent clients \
            sending Langfuse batches of 50 events and OTLP exports of 512 spans (each call resending \
            its turn's conversation so far): observations/s, request latency p50/p99; then OTLP exports alone from every client, over HTTP and over \
            OTLP/gRPC (the same load), and Claude Code's \
            log events (exports of 64 records) to /v1/logs and over gRPC: records/s, latency p50/p99. \
            Each run lasts --seconds, on a database of its own, with the collector in a child process: \
            peak memory is the collector's own for each run, and the clients' apart.
            store: write throughput (batches of 100 generations, full-text index on) against plain SQLite, \
            disk bytes per unique content byte for a 500-turn agent session, database bytes per span \
            for 20,000 instrumented OTLP spans (OpenInference and GenAI), and p50/p99 latency of \
            session pages, turn pages and searches on a large database, and peak memory.
            browser: the terminal browser drawing into its cell buffer (no terminal) on a database of \
            --observations observations: first frame, time per key of a scripted walk through every screen, \
            commit to screen, peak memory. The database is built first (or given with --database) and the \
            browser measured in a child process, so memory is the browser's own.
            mirror: --observations queued observations (100,000 by default) drained to a fake Langfuse \
            on loopback (observations/s), then ingest as above with the mirror off, with records queued \
            in the outbox but not drained, and on, in the same run (throughput and the slowdown of each).
            agents: a generated corpus of --corpus-mb MB of Claude Code and Codex transcripts (1 GB by \
            default) imported into an empty database (MB/s, turns/s, peak memory in a child process, \
            database bytes per corpus byte), imported again unchanged (s), followed while a session \
            is written (line written to committed, p50/p99), and its totals checked against the corpus.
            proxy: the pass-through proxy against a fake model API on loopback that streams Anthropic \
            SSE answers (message_start, content_block_start, ping, 200 content_block_delta events, \
            content_block_stop, message_delta, message_stop), each event its own chunk and send, the \
            deltas paced --chunk-gap-ms apart (1 ms by default: faster than any model streams, yet far \
            enough apart that no two are coalesced, so every chunk pays the proxy's per-chunk cost \
            alone), direct and through a collector's --upstream route. --pairs A/B pairs, one after \
            the other and the order alternating: time to the first delta, to every delta and to the \
            end, added by the proxy as percentiles of the per-pair differences (proxied minus direct), \
            so drift falls on both and the figure is what one request pays; then --streams concurrent streams in --rounds rounds each way, alternating: \
            streams/s and MB/s both ways and the slowest proxied stream against the slowest direct \
            one; peak memory of the process (collector, fake and clients). Every answer is checked \
            byte for byte, and the run fails unless each proxied call was recorded as a generation.
            Databases are built in a temporary directory that is removed afterwards.
            """)

    enum Name: String, ExpressibleByArgument, CaseIterable {
        case store, ingest, browser, mirror, agents, proxy
    }

    @Argument(help: ArgumentHelp("What to measure: \(Name.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var name: Name

    @Option(help: "Generations written for the throughput figure.")
    var generations = 100_000

    @Option(help: "Observations in the database for the latency figures.")
    var observations = 1_000_000

    @Option(help: ArgumentHelp("Measure only these parts of `store` (write, storage, spans, read); default all.", valueName: "part"))
    var only: [StoreBenchmark.Part] = []

    @Option(help: "agents: the size of the generated transcript corpus, in MB.")
    var corpusMb = 1024

    @Option(help: ArgumentHelp("agents: measure on this corpus (made by a run without it).", valueName: "dir"))
    var corpus: String?

    @Flag(help: "Keep the temporary databases and print where they are, to inspect them.")
    var keepDatabases = false

    @Option(help: "Seconds the ingest clients send for.")
    var seconds = 10.0

    @Option(help: "Concurrent ingest clients (in the HTTP mix, half send Langfuse batches, half OTLP exports).")
    var clients = 4

    @Option(help: "proxy: A/B pairs (one direct and one proxied request) for the latency figures.")
    var pairs = 200

    @Option(help: "proxy: concurrent streams for the throughput figures.")
    var streams = 32

    @Option(help: "proxy: rounds of concurrent streams, each way.")
    var rounds = 6

    @Option(help: "proxy: milliseconds between the fake upstream's deltas (0 sends them back to back).")
    var chunkGapMs = 1.0

    @Option(help: ArgumentHelp("browser: measure on this existing database instead of building one.", valueName: "file"))
    var database: String?

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer {
            if keepDatabases {
                print("databases kept in \(directory)")
            } else {
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        var report = BenchReport()
        switch name {
        case .store:
            try StoreBenchmark(generations: generations, observations: observations, directory: directory, parts: only.isEmpty ? StoreBenchmark.Part.allCases : only).run(&report)
        case .ingest:
            try await IngestBenchmark(directory: directory, seconds: seconds, clients: clients).run(&report)
        case .mirror:
            try await MirrorBenchmark(
                directory: directory, observations: observations == 1_000_000 ? 100_000 : observations, seconds: seconds,
                clients: clients
            ).run(&report)
        case .proxy:
            try await ProxyBenchmark(directory: directory, pairs: pairs, streams: streams, rounds: rounds, chunkGap: chunkGapMs)
                .run(&report)
        case .agents:
            if let corpus {
                try AgentsBenchmark.measure(corpus: corpus, &report)
            } else {
                try Self.runChild(try AgentsBenchmark(directory: directory, megabytes: corpusMb).run(&report))
                return
            }
        case .browser:
            if let database {
                // Measured as `turnscope view` would open it: a database of an older version is
                // migrated inside the first-frame figure (open it once with any command first).
                try BrowserBenchmark(database: database).run(&report)
            } else {
                let path = directory + "/browser.db"
                report.add(
                    "browser.build_db_observations_per_s", try LargeDatabase.build(at: path, observations: observations), "obs/s")
                try Self.runChild(["bench", "browser", "--database", path])
                return
            }
        }
        report.printTable()
    }

    /// Runs this executable again with `arguments`, its output going straight to ours.
    private static func runChild(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw CommandError("the measuring process failed (exit \(process.terminationStatus))") }
    }
}
