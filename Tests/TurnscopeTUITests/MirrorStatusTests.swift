import Testing
import TurnscopeModel
import TurnscopeStore
import TurnscopeTUI

/// The mirror as the browser shows it: the header's status and each turn's mark.
@Suite("Mirror in the browser")
struct MirrorStatusTests {
    static func turn(_ id: String, session: String = "sess-m", at seconds: Double) -> [Record] {
        let time = DemoStore.now.adding(seconds: -600 + seconds)
        return [
            .trace(TraceRecord(id: "trace-\(id)", name: "turn \(id)", sessionId: session, timestamp: time)),
            .observation(
                ObservationRecord(
                    id: id, traceId: "trace-\(id)", kind: .generation, name: "chat", startTime: time,
                    endTime: time.adding(seconds: 1), model: "gpt-4o", input: .messages([.text(.user, "q \(id)")]),
                    output: .messages([.text(.assistant, "a \(id)")]), usage: Usage(input: 10, output: 5))),
        ]
    }

    /// Three turns queued for the mirror: the first delivered, the second refused, the third pending.
    static func mirroredStore() throws -> DemoStore {
        let demo = try DemoStore(sample: false)
        demo.store.queuesForMirror = true
        try demo.write(turn("g1", at: 0) + turn("g2", at: 10) + turn("g3", at: 20))
        let items = try demo.store.mirrorBacklog(records: 100)
        func entry(_ trace: String) throws -> MirrorEntry {
            try #require(items.first { if case .trace(let t) = $0.payload { t.trace.id == trace } else { false } }).entry
        }
        var delivered = try entry("trace-g1")
        delivered.upstreamId = "0123456789abcdef0123456789abcdef"
        try demo.store.markMirrored([delivered])
        try demo.store.parkMirror([try entry("trace-g2")], reason: "400: invalid usage_details")
        try demo.store.noteMirrorAttempt(destination: "https://cloud.example.com", transport: "otlp", error: nil, at: DemoStore.now)
        return demo
    }

    static func browser(_ demo: DemoStore, mirror: MirrorDisplay?, root: (any Screen)? = nil) -> Browser {
        let context = BrowserContext(store: demo.store, theme: Theme(usesColor: true), now: DemoStore.now)
        context.mirror = mirror
        return Browser(context: context, root: root, width: 120, height: 24)
    }

    @Test("the header says mirror off, or the destination with what is pending and refused")
    func header() throws {
        let demo = try Self.mirroredStore()
        defer { demo.remove() }
        #expect(Self.browser(demo, mirror: .off).frame().line(0).contains("mirror off"))
        #expect(!Self.browser(demo, mirror: nil).frame().line(0).contains("mirror"))
        let on = Self.browser(demo, mirror: .on(host: "https://cloud.example.com"))
        #expect(on.frame().line(0).contains("⇡ cloud.example.com · 1 pending · 1 failed"))

        // The header follows the outbox as the drainer works.
        try demo.store.retryParkedMirror()
        try demo.write(Self.turn("g4", at: 30))
        #expect(on.refresh(now: DemoStore.now))
        #expect(on.frame().line(0).contains("⇡ cloud.example.com · 3 pending"))
        #expect(!on.frame().line(0).contains("failed"))
    }

    @Test("turnscope view shows the outbox another process drains, and nothing for a database never mirrored")
    func fromDatabase() throws {
        let demo = try Self.mirroredStore()
        defer { demo.remove() }
        #expect(Self.browser(demo, mirror: .fromDatabase).frame().line(0).contains("⇡ cloud.example.com · 1 pending · 1 failed"))
        let plain = try DemoStore(sample: false)
        defer { plain.remove() }
        try plain.write(Self.turn("x", at: 0))
        #expect(!Self.browser(plain, mirror: .fromDatabase).frame().line(0).contains("⇡"))
    }

    @Test("each turn is marked mirrored, refused or pending; the turn says why and links to Langfuse")
    func marks() throws {
        let demo = try Self.mirroredStore()
        defer { demo.remove() }
        let turns = Self.browser(demo, mirror: .off, root: TurnsScreen(sessionId: "sess-m")).frame()
        #expect(turns.text.contains(" LF "))
        func row(_ number: Int) -> String {
            (0..<turns.height).map(turns.line).first { $0.hasPrefix(String(repeating: " ", count: 4 - String(number).count) + "\(number) ") } ?? ""
        }
        #expect(row(1).contains("✓"))
        #expect(row(2).contains("✗"))
        #expect(row(3).contains("◌"))

        let mirrored = Self.browser(demo, mirror: .off, root: TurnDetailScreen(turnId: "g1")).frame().text
        #expect(mirrored.contains("✓ mirrored"))
        #expect(mirrored.contains("https://cloud.example.com/trace/0123456789abcdef0123456789abcdef"))
        let refused = Self.browser(demo, mirror: .off, root: TurnDetailScreen(turnId: "g2")).frame().text
        #expect(refused.contains("✗ refused: 400: invalid usage_details"))
        #expect(refused.contains("turnscope mirror retry"))
        #expect(Self.browser(demo, mirror: .off, root: TurnDetailScreen(turnId: "g3")).frame().text.contains("◌ pending"))
    }

    @Test("a session never mirrored has no mirror column")
    func noColumn() throws {
        let demo = try DemoStore(sample: false)
        defer { demo.remove() }
        try demo.write(Self.turn("x", at: 0))
        #expect(!Self.browser(demo, mirror: .off, root: TurnsScreen(sessionId: "sess-m")).frame().text.contains(" LF "))
    }
}
