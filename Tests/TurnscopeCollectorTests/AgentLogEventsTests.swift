import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TurnscopeCollector
import TurnscopeIngest
import TurnscopeModel

/// Claude Code 2.1.337 and Codex 0.163.0 as captured from the real programs (shared/reference/
/// agents/captured): their log events on `/v1/logs`, Claude Code's beta spans on `/v1/traces`, and
/// their transcripts. However many of these a call arrives through, and in whatever order, it is
/// one turn with every source's fields.
@Suite struct AgentLogEventsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../TurnscopeIngestTests/Fixtures/agents")
    static let claudeSession = "08edd4c2-1759-4bfb-bbea-be6c6b23591f"
    static let codexSession = "01a24dcf-261c-70b2-9620-cddfdaad4ba6"

    /// One way a call reaches Turnscope.
    enum Part: CaseIterable {
        case transcript, spans, logs
    }

    static func post(_ harness: CollectorHarness, _ path: String, fixture: String) async throws {
        let body = try OTLPAPITests.fixture(fixture)
        try await harness.withClient { client in
            try await client.execute(
                uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body)
            ) { response in
                #expect(response.status == .ok)
            }
        }
    }

    static func transcript(_ harness: CollectorHarness, _ name: String, codex: Bool) throws {
        let url = fixtures.appendingPathComponent(name)
        var reader: any TranscriptReader =
            codex ? CodexRolloutReader(path: url.path) : ClaudeCodeTranscriptReader(path: url.path)
        var records: [Record] = []
        for (index, line) in try Data(contentsOf: url).split(separator: 0x0A).enumerated() {
            records += try line.withUnsafeBytes { try reader.read(line: $0, number: index + 1) }
        }
        records += reader.flush()
        try harness.store.write(records, client: codex ? SessionSource.codex : SessionSource.claudeCode)
    }

    static func generations(_ harness: CollectorHarness) throws -> [ObservationRecord] {
        try harness.exported().compactMap { if case .observation(let o) = $0, o.kind == .generation { o } else { nil } }
    }

    @Test func claudeCodeLogEventsAloneMakeOneTurnPerCallWithPromptResponseToolsAndReportedCost() async throws {
        let harness = try CollectorHarness()
        try await Self.post(harness, "/v1/logs", fixture: "claude_code_2.1.337_logs.json")
        let session = try #require(try harness.store.session(id: Self.claudeSession))
        #expect(session.source == SessionSource.claudeCode)
        #expect(session.turnCount == 2)
        #expect(session.usage.input == 50)
        #expect(session.usage.cacheRead == 24_000)
        #expect(session.usage.cacheWrite == 1_600)
        #expect(session.usage.output == 80)
        #expect(session.label == "Run a shell command that prints a marker, then say done.")
        let generations = try Self.generations(harness).sorted { $0.startTime! < $1.startTime! }
        #expect(generations.allSatisfy { abs(($0.cost?.total ?? 0) - 0.0073) < 1e-9 }, "Claude Code's reported cost")
        #expect(generations.map { $0.output?.messages?.first?.searchableText } == ["Let me check.", "Done: the command printed its marker."])
        // 59 ms and 11 ms calls, first token after 14 ms and 7 ms.
        #expect(generations.map { $0.endTime!.microseconds - $0.startTime!.microseconds } == [59_000, 11_000])
        #expect(generations.map { $0.completionStartTime!.microseconds - $0.startTime!.microseconds } == [14_000, 7_000])
        let tools = try harness.exported().compactMap { if case .observation(let o) = $0, o.kind == .tool { o } else { nil } }
        #expect(tools.map(\.id) == ["claude-code:toolu_fake000002"])
        #expect(tools.first?.name == "Bash")
        #expect(tools.first?.input == .json(["command": "echo marker-30669", "description": "Echo a marker"]))
        #expect(tools.first?.parentId == generations.first?.id, "the call whose response asked for it")
        #expect(tools.first?.metadata?["resultBytes"] == 12)
    }

    @Test(arguments: [
        [Part.transcript, .spans, .logs], [.logs, .spans, .transcript], [.spans, .logs, .transcript],
        [.logs, .transcript], [.spans, .logs],
    ])
    func claudeCodeCallsSeenThroughEverySourceInAnyOrderAreOneTurnEach(_ order: [Part]) async throws {
        let harness = try CollectorHarness()
        for part in order {
            switch part {
            case .transcript: try Self.transcript(harness, "\(Self.claudeSession).jsonl", codex: false)
            case .spans: try await Self.post(harness, "/v1/traces", fixture: "claude_code_2.1.337_traces.json")
            case .logs: try await Self.post(harness, "/v1/logs", fixture: "claude_code_2.1.337_logs.json")
            }
        }
        let session = try #require(try harness.store.session(id: Self.claudeSession))
        #expect(session.turnCount == 2, "each call once, not once per source")
        #expect(session.usage.input == 50)
        #expect(session.usage.cacheRead == 24_000)
        #expect(session.usage.cacheWrite == 1_600)
        #expect(session.usage.output == 80)
        let generations = try Self.generations(harness)
        #expect(generations.count == 2)
        #expect(generations.allSatisfy { abs(($0.cost?.total ?? 0) - 0.0073) < 1e-9 }, "Claude Code's reported cost")
        if order.contains(.transcript) {
            // The transcript's content blocks (with the tool call) are not replaced by the
            // response text the events carry.
            #expect(generations.contains { $0.output?.messages?.contains { !$0.toolCalls.isEmpty } == true })
        }
        let tools = try harness.exported().compactMap { if case .observation(let o) = $0, o.kind == .tool, o.name == "Bash" { o } else { nil } }
        if order.contains(.logs) || order.contains(.transcript) {
            #expect(tools.filter { $0.id == "claude-code:toolu_fake000002" }.count == 1)
            let parent = try #require(tools.first { $0.id == "claude-code:toolu_fake000002" }?.parentId)
            #expect(generations.map(\.id).contains(parent), "the tool hangs under a stored turn, not an alias")
        }
    }

    @Test func codexLogEventsAloneMakeOneTurnPerCallWithExactTokensAndTheToolRun() async throws {
        let harness = try CollectorHarness()
        try await Self.post(harness, "/v1/logs", fixture: "codex_0.163.0_logs.json")
        let session = try #require(try harness.store.session(id: Self.codexSession))
        #expect(session.source == SessionSource.codex)
        #expect(session.turnCount == 2)
        // Each answer: input 9,000 of which 8,192 cached, output 60 of which 20 reasoning.
        #expect(session.usage.input == 1_616, "2 × (9,000 − 8,192)")
        #expect(session.usage.cacheRead == 16_384)
        #expect(session.usage.output == 120)
        #expect(session.usage.reasoning == 40)
        #expect(session.models == ["gpt-5.1-codex"])
        #expect(session.label == "Run a shell command that prints a marker, then say done.")
        let tools = try harness.exported().compactMap { if case .observation(let o) = $0, o.kind == .tool { o } else { nil } }
        #expect(tools.map(\.id) == ["codex:\(Self.codexSession):call_resp_fake000004"])
        #expect(tools.first?.input == .json(["cmd": "echo marker-6479"]))
        guard case .json(.string(let output))? = tools.first?.output else { Issue.record("no tool output"); return }
        #expect(output.contains("Process exited with code 0"))
    }

    @Test(arguments: [[Part.transcript, .logs], [.logs, .transcript]])
    func codexCallsInTheRolloutAndTheLogEventsAreOneTurnEach(_ order: [Part]) async throws {
        let harness = try CollectorHarness()
        for part in order {
            switch part {
            case .transcript:
                try Self.transcript(harness, "rollout-2026-12-07T00-02-31-\(Self.codexSession).jsonl", codex: true)
            default: try await Self.post(harness, "/v1/logs", fixture: "codex_0.163.0_logs.json")
            }
        }
        let session = try #require(try harness.store.session(id: Self.codexSession))
        #expect(session.turnCount == 2, "each call once, not once per source")
        #expect(session.usage.cacheRead == 16_384)
        #expect(session.usage.output == 120)
        let tools = try harness.exported().compactMap { if case .observation(let o) = $0, o.kind == .tool { o } else { nil } }
        #expect(tools.count == 1)
    }

    @Test(arguments: [[Part.spans, .logs], [.logs, .spans]])
    func geminiCLICallsSeenAsSpansAndLogEventsKeepTheEventsUsageInEitherOrder(_ order: [Part]) async throws {
        let harness = try CollectorHarness()
        for part in order {
            try await Self.post(
                harness, part == .spans ? "/v1/traces" : "/v1/logs",
                fixture: part == .spans ? "gemini_cli_traces.json" : "gemini_cli_logs.json")
        }
        let generations = try Self.generations(harness)
        #expect(generations.count == 4, "three answered calls and a 429")
        // Gemini counts cached input inside input and thoughts outside output; the events say so.
        #expect(generations.reduce(0) { $0 + ($1.usage?.input ?? 0) } == 12_454)
        #expect(generations.reduce(0) { $0 + ($1.usage?.cacheRead ?? 0) } == 17_408)
    }

    @Test(arguments: [[Part.spans, .logs], [.logs, .spans]])
    func codexCallsSeenAsSpansAndLogEventsAreOneTurnEachInTheConversation(_ order: [Part]) async throws {
        let harness = try CollectorHarness()
        for part in order {
            try await Self.post(
                harness, part == .spans ? "/v1/traces" : "/v1/logs",
                fixture: part == .spans ? "codex_traces.json" : "codex_logs.json")
        }
        let session = try #require(try harness.store.session(id: "0199d2a4-5c1e-7f43-9a8e-3b6f0e2c71d5"))
        #expect(session.turnCount == 4, "three answered calls and the 429 attempt")
        #expect(session.usage.input == 10_424, "9,214 + 654 + 556")
        #expect(session.usage.cacheRead == 19_072, "9,216 + 9,856")
        #expect(session.models == ["gpt-5.1-codex"])
        let generations = try Self.generations(harness)
        #expect(generations.count == 4, "no call is counted again in another session")
    }
}
