import Foundation
import Synchronization
import TurnscopeCollector
import TurnscopeModel
import TurnscopeStore

/// `turnscope bench proxy`: the pass-through proxy against a fake model API on loopback
/// (`FakeModelUpstream`, 200 `content_block_delta` events an answer), direct and through a
/// collector's `--upstream bench=…` route, in one run:
///
/// - latency: `pairs` A/B pairs, one direct and one proxied request each (the order alternating),
///   one after the other on keep-alive connections; the added time to the first token and to the
///   end are the per-pair differences (proxied minus direct), as distributions;
/// - load: `streams` concurrent streams at once, in `rounds` rounds of each kind alternating
///   direct and proxied: streams/s and MB/s both ways, and the slowest proxied stream against the
///   slowest direct one;
/// - that every proxied answer arrived byte for byte and was recorded (one generation each);
/// - the process's peak memory.
struct ProxyBenchmark {
    var directory: String
    var pairs: Int
    var streams: Int
    var rounds: Int
    /// Milliseconds between deltas.
    var chunkGap: Double
    var deltas = 200

    static let route = "bench"
    private static let headers = [
        ("x-api-key", "sk-ant-bench-not-a-key"), ("anthropic-version", "2023-06-01"), ("Content-Type", "application/json"),
        ("Accept", "text/event-stream"),
    ]

    /// The two ways to the fake.
    enum Path: Sendable {
        case direct, proxied
    }

    func run(_ report: inout BenchReport) async throws {
        let upstream = try FakeModelUpstream(deltas: deltas, gapNanoseconds: UInt64(chunkGap * 1e6))
        defer { upstream.stop() }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try TraceStore(path: directory + "/proxy.db")
        let collector = Collector(
            store: store,
            configuration: CollectorConfiguration(
                port: 0, proxyRoutes: [ProxyRoute(name: Self.route, upstream: "http://127.0.0.1:\(upstream.port)")]))
        let collectorPort: Int
        do {
            collectorPort = try await collector.start()
        } catch {
            throw CommandError("\(error)")
        }
        let ports = Ports(direct: upstream.port, proxied: collectorPort)
        let measured: Result<Int, any Error>
        do {
            measured = .success(try await measure(ports, upstream, &report))
        } catch {
            measured = .failure(error)
        }
        let proxied: Int
        switch measured {
        case .success(let count): proxied = count
        case .failure(let error):
            await collector.stop()
            throw error
        }
        // Recording happens beside the stream and is written after it ends: wait for it.
        let recorded = try await Self.generations(in: store, reaching: proxied)
        await collector.stop()
        report.add("proxy.proxied_requests", Double(proxied), "requests")
        report.add("proxy.recorded_generations", Double(recorded), "generations", target: "= \(proxied)")
        if let rss = Measure.peakResidentMegabytes() { report.add("proxy.peak_rss", rss, "MB", target: "<= 100 MB") }
        guard recorded == proxied else {
            throw CommandError("the proxy recorded \(recorded) generations for \(proxied) proxied requests")
        }
    }

    struct Ports: Sendable {
        var direct: Int
        var proxied: Int
        func port(_ path: Path) -> Int { path == .direct ? direct : proxied }
    }

    /// Both parts; returns how many requests went through the proxy.
    private func measure(_ ports: Ports, _ upstream: FakeModelUpstream, _ report: inout BenchReport) async throws -> Int {
        let tokensAt = upstream.deltaEnds
        let expected = upstream.body

        // Latency: A/B pairs on one thread, after a few unmeasured ones to warm both paths.
        let warmup = 10
        let pairs = self.pairs
        let samples = try await Self.onThreads(1) { _ in
            let direct = try StreamingHTTPClient(port: ports.direct)
            let proxied = try StreamingHTTPClient(port: ports.proxied)
            var samples: [(direct: StreamingHTTPClient.Stream, proxied: StreamingHTTPClient.Stream)] = []
            for index in 0..<(warmup + pairs) {
                let order: [Path] = index % 2 == 0 ? [.direct, .proxied] : [.proxied, .direct]
                var pair: [Path: StreamingHTTPClient.Stream] = [:]
                for path in order {
                    pair[path] = try Self.stream(path == .direct ? direct : proxied, path, expected, tokensAt)
                }
                if index >= warmup { samples.append((pair[.direct]!, pair[.proxied]!)) }
            }
            return samples
        }[0]
        let addedFirstToken = samples.map { ($0.proxied.timeToFirstToken - $0.direct.timeToFirstToken) * 1000 }
        let addedLastToken = samples.map { ($0.proxied.timeToLastToken - $0.direct.timeToLastToken) * 1000 }
        let addedTotal = samples.map { ($0.proxied.total - $0.direct.total) * 1000 }
        report.add("proxy.direct_ttft_p50", Measure.percentile(samples.map { $0.direct.timeToFirstToken * 1000 }, 50), "ms")
        report.add("proxy.direct_total_p50", Measure.percentile(samples.map { $0.direct.total * 1000 }, 50), "ms")
        report.add("proxy.added_ttft_p50", Measure.percentile(addedFirstToken, 50), "ms")
        report.add("proxy.added_ttft_p99", Measure.percentile(addedFirstToken, 99), "ms", target: "<= 2 ms")
        // Every delta's arrival, proxied minus direct in the same pair: the lag the proxy adds to
        // each token (the first includes the forwarded request; the stream's pacing is the same).
        let addedPerDelta = samples.flatMap { pair in zip(pair.proxied.tokenTimes, pair.direct.tokenTimes).map { ($0 - $1) * 1000 } }
        report.add("proxy.added_delta_latency_p50", Measure.percentile(addedPerDelta, 50), "ms")
        report.add("proxy.added_delta_latency_p99", Measure.percentile(addedPerDelta, 99), "ms")
        report.add("proxy.added_last_delta_p50", Measure.percentile(addedLastToken, 50), "ms")
        report.add("proxy.added_total_p50", Measure.percentile(addedTotal, 50), "ms")
        report.add("proxy.added_total_p99", Measure.percentile(addedTotal, 99), "ms", target: "<= 5 ms")

        // Load: every client opens its connections once; each round starts all at once.
        let streams = self.streams
        let rounds = self.rounds
        let barrier = Barrier(parties: streams)
        let roundsRun = 2 * rounds
        let load = try await Self.onThreads(streams) { _ in
            let clients = [Path.direct: try StreamingHTTPClient(port: ports.direct), .proxied: try StreamingHTTPClient(port: ports.proxied)]
            var runs: [(round: Int, path: Path, stream: StreamingHTTPClient.Stream)] = []
            var failure: (any Error)?
            for round in 0..<roundsRun {
                // direct, proxied, proxied, direct, direct, proxied…: each kind goes first as often.
                let path: Path = (round / 2 + round) % 2 == 0 ? .direct : .proxied
                barrier.wait()
                // After a failure, still meet the others at every round, so none waits forever.
                guard failure == nil else { continue }
                do {
                    runs.append((round, path, try Self.stream(clients[path]!, path, expected, tokensAt)))
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            return runs
        }.flatMap { $0 }
        for path in [Path.direct, .proxied] {
            let runs = load.filter { $0.path == path }
            var elapsed = 0.0
            for round in Set(runs.map(\.round)) {
                let inRound = runs.filter { $0.round == round }.map(\.stream)
                elapsed += Double(inRound.map(\.end).max()! - inRound.map(\.sent).min()!) / 1e9
            }
            let bytes = Double(runs.reduce(0) { $0 + $1.stream.body.count })
            let name = path == .direct ? "direct" : "proxied"
            report.add("proxy.concurrent_\(name)_streams_per_s", Double(runs.count) / elapsed, "streams/s")
            report.add("proxy.concurrent_\(name)_mb_per_s", bytes / elapsed / 1e6, "MB/s")
        }
        let slowestDirect = load.filter { $0.path == .direct }.map(\.stream.total).max()!
        let slowestProxied = load.filter { $0.path == .proxied }.map(\.stream.total).max()!
        for path in [Path.direct, .proxied] {
            let firstTokens = load.filter { $0.path == path }.map { $0.stream.timeToFirstToken * 1000 }
            report.add("proxy.concurrent_\(path == .direct ? "direct" : "proxied")_ttft_max", firstTokens.max()!, "ms")
        }
        report.add("proxy.concurrent_slowest_direct_total", slowestDirect * 1000, "ms")
        report.add("proxy.concurrent_slowest_proxied_total", slowestProxied * 1000, "ms")
        report.add("proxy.concurrent_slowest_stream_slowdown", (slowestProxied / slowestDirect - 1) * 100, "%", target: "<= 5 %")
        return warmup + pairs + streams * rounds
    }

    /// One request on `client`, checked: status 200 and the fake's body byte for byte.
    private static func stream(_ client: StreamingHTTPClient, _ path: Path, _ expected: [UInt8], _ tokensAt: [Int]) throws
        -> StreamingHTTPClient.Stream
    {
        let target = path == .direct ? "/v1/messages" : "/\(route)/v1/messages"
        let stream = try client.post(target, headers: headers, body: FakeModelUpstream.requestBody, tokensAt: tokensAt)
        guard stream.status == 200 else {
            throw CommandError("\(path) request: status \(stream.status): \(String(decoding: stream.body.prefix(300), as: UTF8.self))")
        }
        guard stream.body == expected else {
            throw CommandError("\(path) request: the body differs from the upstream's (\(stream.body.count) bytes, \(expected.count) sent)")
        }
        return stream
    }

    /// The proxy's generations stored, once there are `count` (or after 30 s of waiting).
    private static func generations(in store: TraceStore, reaching count: Int) async throws -> Int {
        var found = 0
        for _ in 0..<300 {
            found = try store.usageTotals(filter: BrowseFilter(source: "proxy")).calls
            if found >= count { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
        return found
    }

    /// Runs `body` on `count` threads of their own (blocking sockets keep the clients cheap) and
    /// returns their results in order, or the first failure.
    static func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) async throws -> [T] {
        let results = Mutex<[Int: Result<T, any Error>]>([:])
        let done = DispatchGroup()
        for index in 0..<count {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                let result = Result { try body(index) }
                results.withLock { $0[index] = result }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        await withCheckedContinuation { continuation in
            done.notify(queue: .global()) { continuation.resume() }
        }
        return try results.withLock { results in try (0..<count).map { try results[$0]!.get() } }
    }
}

/// Holds threads until `parties` of them wait, then lets them all go; reusable round after round.
final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var waiting = 0
    private var generation = 0

    init(parties: Int) { self.parties = parties }

    func wait() {
        condition.lock()
        defer { condition.unlock() }
        let current = generation
        waiting += 1
        if waiting == parties {
            waiting = 0
            generation += 1
            condition.broadcast()
            return
        }
        while generation == current { condition.wait() }
    }
}
