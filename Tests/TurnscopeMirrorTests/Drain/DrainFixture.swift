import FakeLangfuse
import Foundation
import TurnscopeMirror
import TurnscopeModel
import TurnscopeStore

/// A store that queues for the mirror, a fake Langfuse on loopback, and a drainer between them with
/// retry delays of milliseconds, so failure modes play out in a test's time.
final class DrainFixture {
    static let publicKey = "pk-lf-test-0123456789"
    static let secretKey = "sk-lf-test-9876543210"
    let directory: URL
    let store: TraceStore
    let fake: FakeLangfuse
    let drainer: MirrorDrainer

    init(
        otlpAvailable: Bool = true, redact: Bool = false, recordsPerRequest: Int = 500, maximumBodyBytes: Int = 4 << 20,
        totalTimeout: Double = 5
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-mirror-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try TraceStore(path: directory.appendingPathComponent("mirror.db").path)
        store.queuesForMirror = true
        fake = try FakeLangfuse(publicKey: Self.publicKey, secretKey: Self.secretKey, otlpAvailable: otlpAvailable)
        let settings = MirrorSettings(
            destination: MirrorDestination(host: fake.host, publicKey: Self.publicKey, secretKey: Self.secretKey),
            redact: redact, transport: TransportOptions(connectTimeout: 2, totalTimeout: totalTimeout),
            recordsPerRequest: recordsPerRequest, maximumBodyBytes: maximumBodyBytes, idleInterval: 0.01, initialBackoff: 0.01, maximumBackoff: 0.05)
        drainer = MirrorDrainer(store: store, settings: settings)
    }

    deinit {
        drainer.stop()
        fake.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Drains until a round finds nothing pending (or `rounds` rounds); returns every round's outcome.
    @discardableResult
    func drain(rounds: Int = 50) -> [DrainRound] {
        var outcomes: [DrainRound] = []
        for _ in 0..<rounds {
            let round = drainer.drainOnce()
            outcomes.append(round)
            if round == .idle { break }
        }
        return outcomes
    }

    /// A session's trace with `calls` generations (each with a tool call), in the store.
    @discardableResult
    func writeTrace(_ id: String, calls: Int = 2, secret: String = "the launch code is 1234") throws -> [String] {
        var records: [Record] = [
            .trace(TraceRecord(id: id, name: "turn \(id)", userId: "alice", sessionId: "sess-1", timestamp: Self.time(0), tags: ["prod"]))
        ]
        var ids: [String] = []
        for call in 0..<calls {
            let observation = "\(id)-g\(call)"
            ids.append(observation)
            records.append(
                .observation(
                    ObservationRecord(
                        id: observation, traceId: id, kind: .generation, name: "chat", startTime: Self.time(Double(call)),
                        endTime: Self.time(Double(call) + 1), model: "gpt-4o",
                        input: .messages([.text(.system, "Be brief."), .text(.user, "\(secret) (\(call))")]),
                        output: .messages([
                            Message(role: .assistant, parts: [
                                .toolCall(ToolCall(id: "call_\(call)", name: "lookup", arguments: ["q": .string(secret)]))
                            ])
                        ]),
                        usage: Usage(input: 100, output: 20, cacheRead: 50), cost: Cost(total: 0.0012))))
        }
        try store.write(records)
        return ids
    }

    static func time(_ seconds: Double) -> Timestamp { Timestamp(iso8601: "2026-11-20T09:00:00Z")!.adding(seconds: seconds) }
}
