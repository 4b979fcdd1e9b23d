import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// The coding agents' telemetry fixtures (shared/reference/agents/fixtures): Claude Code's and
/// Codex's log events and spans for one short session, each as OTLP/JSON and protobuf.
enum AgentTelemetryFixture {
    static func data(_ name: String, _ ext: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/agent-telemetry"))
        return try Data(contentsOf: url)
    }

    static func logs(_ name: String) throws -> OTLPBatch { try OTLPLogs.decode(json: data(name, "json")) }
    static func traces(_ name: String) throws -> OTLPBatch { try OTLPTraces.decode(json: data(name, "json")) }
}

extension OTLPBatch {
    /// The generations, in record order.
    var generations: [ObservationRecord] { observations.filter { $0.kind == .generation } }
}

@Suite struct ClaudeCodeLogEventsTests {
    static let requests = ["req_011CVa1Qm3Yk2Zt8Xw5Rb7Nd", "req_011CVa1R4pLs9Hq2Vn6Mc3Je", "req_011CVa1S7wKr5Gp1Ub4Ld8Hf"]

    @Test func bothWireFormsGiveTheSameRecords() throws {
        let json = try AgentTelemetryFixture.logs("claude_code_logs")
        let protobuf = try OTLPLogs.decode(protobuf: AgentTelemetryFixture.data("claude_code_logs", "pb"))
        #expect(json == protobuf)
        #expect(json.rejected == 0)
    }

    @Test func eachCallIsOneGenerationNamedByItsRequestIdWithAnthropicUsageAndTheReportedCost() throws {
        let batch = try AgentTelemetryFixture.logs("claude_code_logs")
        let calls = batch.generations.filter { $0.level != .error }
        #expect(calls.map(\.id) == Self.requests.map { "events:claude-code:" + $0 })
        #expect(calls.map(\.usage?.input) == [4, 6, 8])
        #expect(calls.map(\.usage?.cacheRead) == [0, 18_342, 19_084])
        #expect(calls.map(\.usage?.cacheWrite5m) == [18_342, 742, 396])
        #expect(calls.map(\.usage?.output) == [96, 210, 64])
        #expect(calls.map(\.cost?.total) == [0.0702345, 0.0114531, 0.0081942])
        #expect(calls.allSatisfy { $0.model == "claude-sonnet-4-5-20250929" })
        let first = try #require(calls.first)
        #expect(first.endTime!.microseconds - first.startTime!.microseconds == 3_120_000)
        #expect(first.completionStartTime!.microseconds - first.startTime!.microseconds == 1_210_000)
        #expect(first.metadata?["query_source"] == "repl_main_thread")
        #expect(first.parentId == "a1b2c3d4e5f60718", "the interaction span the events were logged in")
    }

    @Test func rawBodiesGiveTheFullPromptAndTheResponseWithItsToolCalls() throws {
        let first = try #require(try AgentTelemetryFixture.logs("claude_code_logs").generations.first)
        let input = try #require(first.input?.messages)
        #expect(input.first?.role == .system)
        #expect(input.last?.role == .user)
        #expect(input.last?.searchableText.contains("test_add fails") == true)
        let output = try #require(first.output?.messages)
        #expect(output.flatMap(\.toolCalls).map(\.name) == ["Bash"])
        #expect(first.metadata?["stop_reason"] == "tool_use")
        #expect(first.metadata?["response_id"] == "msg_01XFDUDYJgAACzvnptvVoYEL")
        #expect(first.modelParameters?["max_tokens"] == 32_000)
    }

    @Test func aCallThatFailedAfterItsRetriesIsAFailedGeneration() throws {
        let failed = try #require(try AgentTelemetryFixture.logs("claude_code_logs").generations.first { $0.level == .error })
        #expect(failed.id == "events:claude-code:req_011CVa2T9xNq4Fm8Yc1Kd5Lg")
        #expect(failed.statusMessage?.hasPrefix("529") == true)
        #expect(failed.usage == nil)
        #expect(failed.metadata?["attempt"] != nil)
        #expect(failed.input?.messages?.isEmpty == false, "the last attempt's request body")
    }

    @Test func promptsAreTheirTracesInputAndTheSessionIsClaudeCodes() throws {
        let batch = try AgentTelemetryFixture.logs("claude_code_logs")
        let prompts = batch.traces.compactMap { $0.input?.messages?.first?.searchableText }
        #expect(prompts == ["test_add fails, please fix it", "Commit the fix with a short message"])
        let sessions = batch.records.compactMap { if case .session(let s) = $0 { s } else { nil } }
        #expect(sessions.map(\.source) == [SessionSource.claudeCode])
    }

    @Test func toolsTakeTheTranscriptsIdsAndHangUnderTheCallThatAskedForThem() throws {
        let batch = try AgentTelemetryFixture.logs("claude_code_logs")
        let tools = batch.observations.filter { $0.kind == .tool }
        #expect(Set(tools.map(\.id)) == ["claude-code:toolu_01A09q90qw90lq917835lq9", "claude-code:toolu_01BvX4kQ2mN7pR8sT3uW5yZa"])
        let grep = tools.filter { $0.id == "claude-code:toolu_01A09q90qw90lq917835lq9" }
        // Decided while the first response streamed, so under the first call, although logged before it.
        #expect(grep.allSatisfy { $0.parentId == "events:claude-code:" + Self.requests[0] })
        let result = try #require(grep.first { $0.endTime != nil })
        #expect(result.input?.jsonValue?["command"] == "grep -n \"def add\" -A1 src/mathlib.py")
        #expect(result.metadata?["resultBytes"] == 37)
        #expect(result.endTime!.microseconds - result.startTime!.microseconds == 2_380_000)
    }

    @Test func theLlmRequestSpansTakeTheSameIdsAsTheEvents() throws {
        let spans = try AgentTelemetryFixture.traces("claude_code_traces")
        let ids = Set(spans.generations.map(\.id))
        #expect(ids.isSuperset(of: Self.requests.map { "events:claude-code:" + $0 }))
        let call = try spans.observation("events:claude-code:" + Self.requests[1])
        // Flat counters exclude the cache; GenAI's inclusive ones agree once the cache is taken out.
        #expect(call.usage?.input == 6)
        #expect(call.usage?.cacheRead == 18_342)
        #expect(call.usage?.cacheWrite == 742)
    }
}

@Suite struct CodexLogEventsTests {
    static let samplingSpans = ["2b3c4d5e6f708192", "6f708192a3b4c5d6", "92a3b4c5d6e7f809"]

    @Test func bothWireFormsGiveTheSameRecords() throws {
        let json = try AgentTelemetryFixture.logs("codex_logs")
        #expect(json == (try OTLPLogs.decode(protobuf: AgentTelemetryFixture.data("codex_logs", "pb"))))
    }

    @Test func eachCallIsTheUsageRecordNamedByItsRequestsSpanWithOpenAIUsage() throws {
        let batch = try AgentTelemetryFixture.logs("codex_logs")
        let calls = batch.generations.filter { $0.level != .error }
        #expect(calls.map(\.id) == Self.samplingSpans, "the span of the api_request before each usage record")
        #expect(calls.map(\.usage?.input) == [9_214, 654, 556])
        #expect(calls.map(\.usage?.cacheRead) == [0, 9_216, 9_856])
        #expect(calls.map(\.usage?.output) == [152, 210, 88])
        #expect(calls.map(\.usage?.reasoning) == [64, 0, 0])
        #expect(calls.allSatisfy { $0.model == "gpt-5.1-codex" })
        let failed = batch.generations.filter { $0.level == .error }
        #expect(failed.count == 1)
        #expect(failed.first?.statusMessage == "HTTP 429")
    }

    @Test func toolsCarryArgumentsAndOutputUnderTheCallBeforeThem() throws {
        let batch = try AgentTelemetryFixture.logs("codex_logs")
        let results = batch.observations.filter { $0.kind == .tool && $0.output != nil }
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0.parentId == Self.samplingSpans[0] })
        #expect(results.allSatisfy { $0.input?.jsonValue?["cmd"] != nil || $0.input?.jsonValue?["command"] != nil })
    }

    @Test func codexsInternalSpansGiveOneGenerationPerModelRequest() throws {
        let spans = try AgentTelemetryFixture.traces("codex_traces")
        #expect(spans.generations.map(\.id).sorted() == Self.samplingSpans.sorted())
        // `handle_responses` hands its usage to the model request it belongs to.
        let usage = spans.observations.filter { $0.kind == nil && $0.usage != nil }
        #expect(usage.map(\.id) == Self.samplingSpans)
        #expect(usage.map(\.usage?.input) == [9_214, 654, 556])
        #expect(spans.observations.filter { $0.name == "session_task.turn" }.allSatisfy { $0.kind == .agent })
    }
}

extension Payload {
    /// The JSON of a `.json` payload.
    var jsonValue: JSONValue? { if case .json(let value) = self { value } else { nil } }
}
