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

    @Test func aToolsSpanAndItsPhasesAreSpansNotMoreTools() throws {
        let spans = try AgentTelemetryFixture.traces("claude_code_traces")
        let phases = spans.observations.filter { $0.name?.hasPrefix("claude_code.tool.") == true }
        #expect(!phases.isEmpty)
        #expect(phases.allSatisfy { $0.kind == .span })
        // The `claude_code.tool` spans are the tools' timing: the tool calls themselves are the
        // events' and the transcript's observations, so the spans add no tool of their own.
        #expect(spans.observations.filter { $0.kind == .tool }.isEmpty)
        #expect(spans.observations.filter { $0.metadata?["attributes"]?["tool_use_id"] != nil && $0.kind == .span }.count >= 2)
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
        // Its `gen_ai.response.id` repeats the request id: no response id that could disagree
        // with the transcript's message id and keep the two captures of the call apart.
        #expect(spans.generations.allSatisfy { $0.metadata?["responseId"] == nil })
    }
}

@Suite struct CodexLogEventsTests {
    /// The `handle_responses` spans that carry each call's usage.
    static let usageSpans = ["3c4d5e6f708192a3", "708192a3b4c5d6e7", "a3b4c5d6e7f8091a"]

    @Test func bothWireFormsGiveTheSameRecords() throws {
        let json = try AgentTelemetryFixture.logs("codex_logs")
        #expect(json == (try OTLPLogs.decode(protobuf: AgentTelemetryFixture.data("codex_logs", "pb"))))
    }

    @Test func eachCallIsTheUsageRecordWithOpenAIUsageInItsTurnsTrace() throws {
        let batch = try AgentTelemetryFixture.logs("codex_logs")
        let calls = batch.generations.filter { $0.level != .error }
        #expect(calls.allSatisfy { $0.id.hasPrefix("events:codex:0199d2a4-5c1e-7f43-9a8e-3b6f0e2c71d5:") })
        #expect(Set(calls.map(\.id)).count == 3)
        #expect(calls.map { $0.traceId?.prefix(6) } == ["7d1e2f", "7d1e2f", "8e2f3a"], "the trace the turn's requests name")
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
        let first = try #require(batch.generations.first { $0.level != .error })
        #expect(results.allSatisfy { $0.parentId == first.id })
        #expect(results.allSatisfy { $0.input?.jsonValue?["cmd"] != nil || $0.input?.jsonValue?["command"] != nil })
    }

    @Test func codexsInternalSpansGiveOneGenerationPerModelRequest() throws {
        let spans = try AgentTelemetryFixture.traces("codex_traces")
        // The `handle_responses` span with the stream's usage is the call; the request spans that
        // name the model and the turn are not calls.
        #expect(spans.generations.map(\.id).sorted() == Self.usageSpans.sorted())
        #expect(spans.generations.map(\.usage?.input) == [9_214, 654, 556])
        #expect(spans.generations.map(\.usage?.reasoning) == [64, 0, 0], "codex.usage.reasoning_output_tokens")
        #expect(spans.observations.filter { $0.name == "run_sampling_request" }.allSatisfy { $0.kind == .span })
        #expect(spans.observations.filter { $0.name == "session_task.turn" }.allSatisfy { $0.kind == .agent })
    }
}

extension Payload {
    /// The JSON of a `.json` payload.
    var jsonValue: JSONValue? { if case .json(let value) = self { value } else { nil } }
}

/// Records as the real Claude Code 2.1.327 (claude-agent-sdk 0.2.184) sent them over http/json to
/// `turnscope serve` in the interop tests (Tests/Interop/test_agent_telemetry.py), cut to the
/// attributes that matter here.
@Suite struct ClaudeCode2_1_327Tests {
    static let session = "8a5d6ff2-05b7-479e-accb-a0d331b5cc44"

    /// One OTLP/JSON log export of Claude Code records: (event name, extra attributes as OTLP/JSON values).
    static func logs(_ records: [(name: String, attributes: String)]) throws -> OTLPBatch {
        let body = records.enumerated().map { index, record in
            """
            {"timeUnixNano": "\(1_796_615_734_823_000_000 + index * 1_000_000)", "body": {"stringValue": "claude_code.\(record.name)"},
             "attributes": [{"key": "session.id", "value": {"stringValue": "\(session)"}},
                            {"key": "event.name", "value": {"stringValue": "\(record.name)"}},
                            {"key": "event.sequence", "value": {"intValue": \(index)}}\(record.attributes.isEmpty ? "" : ", " + record.attributes)]}
            """
        }.joined(separator: ",")
        let json = """
            {"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "claude-code"}}]},
              "scopeLogs": [{"scope": {"name": "com.anthropic.claude_code.events", "version": "2.1.327"}, "logRecords": [\(body)]}]}]}
            """
        return try OTLPLogs.decode(json: Data(json.utf8))
    }

    @Test func aFailedCallsStatusLeadsItsMessage() throws {
        // 2.1.327 logs the API's message alone, with the status beside it.
        let batch = try Self.logs([
            (
                "api_error",
                """
                {"key": "prompt.id", "value": {"stringValue": "b6053568-19ef-4c45-b87d-c3ed0bc5c147"}},
                {"key": "model", "value": {"stringValue": "claude-sonnet-4-5"}},
                {"key": "error", "value": {"stringValue": "Overloaded"}},
                {"key": "status_code", "value": {"intValue": 529}},
                {"key": "duration_ms", "value": {"intValue": 48}},
                {"key": "attempt", "value": {"intValue": 1}},
                {"key": "request_id", "value": {"stringValue": "req_a5ff8c7700002"}}
                """
            )
        ])
        let failed = try #require(batch.generations.first)
        #expect(failed.level == .error)
        #expect(failed.statusMessage == "529 Overloaded")
        #expect(failed.id == "events:claude-code:req_a5ff8c7700002")
    }

    @Test func theFailedCallsSpanSaysTheSameAndTakesItsId() throws {
        // The beta `llm_request` span of that call: status ERROR "Overloaded", `status_code` 529.
        let json = """
            {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "claude-code"}}]},
              "scopeSpans": [{"scope": {"name": "com.anthropic.claude_code.tracing", "version": "1.0.0"}, "spans": [
                {"traceId": "57e4e0d793ed8555e983cf1d08ee8d0a", "spanId": "f21798dcef110622", "parentSpanId": "cab7ac1519c8789b",
                 "name": "claude_code.llm_request", "kind": 1, "startTimeUnixNano": "1796618014344000000",
                 "endTimeUnixNano": "1796618014373317400", "status": {"code": 2, "message": "Overloaded"},
                 "attributes": [{"key": "session.id", "value": {"stringValue": "\(Self.session)"}},
                                {"key": "span.type", "value": {"stringValue": "llm_request"}},
                                {"key": "model", "value": {"stringValue": "claude-sonnet-4-5"}},
                                {"key": "gen_ai.system", "value": {"stringValue": "anthropic"}},
                                {"key": "success", "value": {"boolValue": false}},
                                {"key": "status_code", "value": {"intValue": 529}},
                                {"key": "error", "value": {"stringValue": "Overloaded"}},
                                {"key": "request_id", "value": {"stringValue": "req_631d256d00002"}}]}]}]}]}
            """
        let span = try #require(try OTLPTraces.decode(json: Data(json.utf8)).generations.first)
        #expect(span.id == "events:claude-code:req_631d256d00002")
        #expect(span.level == .error)
        #expect(span.statusMessage == "529 Overloaded")
    }

    @Test func eventsOutsideAnyPromptLeaveNoEmptyTrace() throws {
        // Logged at start-up, before the prompt: no prompt.id, no span.
        let batch = try Self.logs([
            ("managed_settings_resolved", #"{"key": "managed_settings.trigger", "value": {"stringValue": "startup"}}"#),
            ("plugin_loaded", #"{"key": "plugin.name", "value": {"stringValue": "cc-plugin-agents-md"}}"#),
            (
                "user_prompt",
                """
                {"key": "prompt.id", "value": {"stringValue": "a9210760-e9ae-487a-a3c1-075ec58914ac"}},
                {"key": "prompt", "value": {"stringValue": "Run the checks for job-abc123 one step at a time, then report."}}
                """
            ),
        ])
        #expect(Set(batch.traces.map(\.id)) == ["events:claude-code:prompt:a9210760-e9ae-487a-a3c1-075ec58914ac"])
    }
}
