import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TurnscopeCollector
import TurnscopeIngest
import TurnscopeModel

/// Claude Code 2.1.337 seen twice: its transcript, read by the transcript reader, and its own
/// beta `claude_code.llm_request` spans exported to `/v1/traces` (both captured from the real
/// program in shared/reference/agents/captured). Each model call must stay one turn.
@Suite struct AgentTelemetryJoinTests {
    static let transcript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../TurnscopeIngestTests/Fixtures/agents/08edd4c2-1759-4bfb-bbea-be6c6b23591f.jsonl")
    static let session = "08edd4c2-1759-4bfb-bbea-be6c6b23591f"

    @Test func aCallInTheTranscriptAndInTheSpansIsOneTurnWithBothSourcesFields() async throws {
        let harness = try CollectorHarness()
        var reader = ClaudeCodeTranscriptReader(path: Self.transcript.path)
        var records: [Record] = []
        let lines = try Data(contentsOf: Self.transcript).split(separator: 0x0A)
        for (index, line) in lines.enumerated() {
            records += try line.withUnsafeBytes { try reader.read(line: $0, number: index + 1) }
        }
        records += reader.flush()
        try harness.store.write(records, client: SessionSource.claudeCode)
        #expect(try harness.store.session(id: Self.session)?.turnCount == 2)

        let body = try OTLPAPITests.fixture("claude_code_2.1.337_traces.json")
        try await harness.withClient { client in
            try await client.execute(
                uri: "/v1/traces", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body)
            ) { response in
                #expect(response.status == .ok)
            }
        }
        let session = try #require(try harness.store.session(id: Self.session))
        #expect(session.turnCount == 2, "each call once, not once per source")
        #expect(session.usage.input == 50)
        #expect(session.usage.cacheRead == 24_000)
        #expect(session.usage.cacheWrite == 1_600)
        #expect(session.usage.output == 80)
        let generations = try harness.exported().compactMap { if case .observation(let o) = $0, o.kind == .generation { o } else { nil } }
        #expect(generations.map(\.id).sorted() == ["claude-code:msg_fake000001", "claude-code:msg_fake000003"])
        // The transcript gave the prompt; the span added what only it knows.
        #expect(generations.allSatisfy { $0.input?.messages?.isEmpty == false })
        #expect(generations.allSatisfy { $0.metadata?["attributes"]?["span.type"] == "llm_request" })
        #expect(generations.allSatisfy { $0.metadata?["agent"] == "claude-code" })
    }
}
