import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// Gemini CLI's log events (shared reference `agents/fixtures/gemini_cli_logs`): two prompts, three
/// successful model calls, one failed attempt (429) and two tool calls, each API event with its
/// GenAI twin, decoded through the public API.
@Suite struct GeminiCLIEventsTests {
    static let session = "945bd8d5-0657-4385-a99e-30240bfd2e00"
    static let prompt1 = session + "########1"
    static let prompt2 = session + "########2"
    static let system = "You are an interactive CLI agent specializing in software engineering tasks."
    static let context =
        "This is the Gemini CLI. We are setting up the context for our chat.\nToday's date is Thursday, August 20, 2026.\nMy operating system is: linux\nI'm currently working in the directory: /home/dev/acme"
    static let readFile = ToolCall(id: nil, name: "read_file", arguments: ["absolute_path": "/home/dev/acme/src/mathlib.py"])
    static let runShell = ToolCall(
        id: nil, name: "run_shell_command",
        arguments: ["command": "pytest -q tests/test_math.py", "description": "Run the failing test"])

    static func batch() throws -> OTLPBatch { try GenAILogFixture.logs(protobuf: "gemini_cli_logs") }

    static func generations(_ batch: OTLPBatch) -> [ObservationRecord] {
        batch.observations.filter { $0.kind == .generation }
    }

    static func at(_ microseconds: Int64) -> Timestamp { Timestamp(microseconds: microseconds) }

    @Test func jsonAndProtobufDecodeToTheSameRecords() throws {
        let json = try GenAILogFixture.logs(json: "gemini_cli_logs")
        let protobuf = try Self.batch()
        #expect(!protobuf.records.isEmpty)
        #expect(protobuf == json)
        #expect(protobuf.rejected == 0)
    }

    @Test func threeCallsAndOneFailedAttemptAreFourGenerations() throws {
        let generations = Self.generations(try Self.batch())
        #expect(generations.map(\.id) == ["aa00000000000002", "aa00000000000007", "aa00000000000008", "aa0000000000000a"])
        #expect(generations.allSatisfy { $0.model == "gemini-2.5-pro" && $0.name == "llm_call" })
        #expect(generations.map(\.level) == [nil, .error, nil, nil])
        #expect(
            generations.map(\.traceId) == [
                "1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f", "3e4f5a6b7c8d9e0f1a2b3c4d5e6f7081", "3e4f5a6b7c8d9e0f1a2b3c4d5e6f7081",
                "4f5a6b7c8d9e0f1a2b3c4d5e6f708192",
            ])
        #expect(
            generations.map { $0.metadata?["promptId"]?.stringValue } == [Self.prompt1, Self.prompt1, Self.prompt1, Self.prompt2])
        #expect(generations.allSatisfy { $0.metadata?["agent"] == "gemini-cli" && $0.metadata?["role"] == "main" })
        #expect(generations.allSatisfy { $0.metadata?["authType"] == "gemini-api-key" })
        #expect(generations.allSatisfy { $0.modelParameters == ["temperature": 1.0, "top_p": 0.95, "top_k": 64] })
    }

    /// Gemini counts cached tokens inside input and thoughts outside output; `Usage` counts
    /// uncached input, and output with reasoning inside it.
    @Test func usageToTheToken() throws {
        let generations = Self.generations(try Self.batch())
        #expect(generations[0].usage == Usage(input: 9_120, output: 279, cacheRead: 0, reasoning: 231, total: 9_399))
        #expect(generations[1].usage == nil)
        #expect(generations[2].usage == Usage(input: 2_148, output: 161, cacheRead: 8_192, reasoning: 140, total: 10_501))
        #expect(generations[3].usage == Usage(input: 1_186, output: 77, cacheRead: 9_216, reasoning: 58, total: 10_479))
        for generation in generations {
            guard let usage = generation.usage else { continue }
            #expect(
                usage.effectiveTotal == usage.promptTokens + (usage.output ?? 0), "total = input + cached + output + thoughts")
        }
    }

    @Test func timesAreTheResponseTimeMinusItsDuration() throws {
        let generations = Self.generations(try Self.batch())
        #expect(generations[0].endTime == Self.at(1_787_223_604_260_000))
        #expect(generations[0].startTime == Self.at(1_787_223_604_260_000 - 4_210_000))
        #expect(generations[1].endTime == Self.at(1_787_223_609_009_999))
        #expect(generations[1].startTime == Self.at(1_787_223_609_009_999 - 812_000))
        #expect(generations[3].startTime == Self.at(1_787_223_651_950_000 - 1_900_000))
        #expect(generations.allSatisfy { $0.eventTime == $0.endTime })
    }

    @Test func responseTextIsTheOutputWithItsToolCalls() throws {
        let generations = Self.generations(try Self.batch())
        #expect(
            generations[0].output
                == .messages([Message(role: .assistant, parts: [.toolCall(Self.readFile), .toolCall(Self.runShell)])]))
        #expect(generations[1].output == nil)
        #expect(
            generations[2].output
                == .messages([.text(.assistant, "add() in src/mathlib.py returns a - b; test_add expects a + b.")]))
        #expect(generations[3].output == .messages([.text(.assistant, "Change line 2 of src/mathlib.py to `return a + b`.")]))
        // The twin names the call; its finish reasons agree with the CLI's.
        #expect(
            generations.map { $0.metadata?["responseId"]?.stringValue } == [
                "hQ7oaPzYLs2fz7IPk8mZ4Ak", nil, "kR2pbQxMNt3gy8JQm9nA5Bl", "mT4rcRyOPu5hz9KSn0oB6Cm",
            ])
        #expect(generations[0].metadata?["finishReason"] == "stop")
    }

    @Test func requestTextIsTheInputAfterTheTwinsSystemInstructions() throws {
        let generations = Self.generations(try Self.batch())
        #expect(
            generations[0].input
                == .messages([
                    .text(.system, Self.system), .text(.user, Self.context), .text(.assistant, "Got it. Thanks for the context!"),
                    .text(.user, "Why does test_add fail? Check src/mathlib.py."),
                ]))
        let history = try #require(generations[2].input?.messages)
        #expect(history.map(\.role) == [.system, .user, .assistant, .user, .assistant, .tool])
        #expect(history[4].toolCalls == [Self.readFile, Self.runShell])
        #expect(
            history[5].toolResults == [
                ToolResult(callId: nil, content: #"{"output":"def add(a, b):\n    return a - b\n"}"#),
                ToolResult(
                    callId: nil,
                    content:
                        #"{"output":"Command: pytest -q tests/test_math.py\nStdout: F\nFAILED tests/test_math.py::test_add - assert -1 == 3\nExit Code: 1"}"#
                ),
            ])
        // The failed attempt was sent the same history.
        #expect(generations[1].input == generations[2].input)
        let last = try #require(generations[3].input?.messages)
        #expect(last.count == 8)
        #expect(last.last == .text(.user, "Show me the one-line fix."))
    }

    @Test func theFailedAttemptIsAnErrorWithItsStatus() throws {
        let failed = Self.generations(try Self.batch())[1]
        #expect(failed.level == .error)
        #expect(failed.statusMessage == "Resource has been exhausted (e.g. check quota).")
        #expect(failed.metadata?["statusCode"] == 429)
        #expect(failed.model == "gemini-2.5-pro")
        #expect(failed.usage == nil)
    }

    @Test func promptsAreTheInputsOfTheirTraces() throws {
        let batch = try Self.batch()
        let first = try #require(batch.traces.first { $0.id == "1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f" })
        #expect(first.input == .messages([.text(.user, "Why does test_add fail? Check src/mathlib.py.")]))
        #expect(first.timestamp == Self.at(1_787_223_600_000_000))
        #expect(first.sessionId == Self.session)
        #expect(first.metadata?["promptId"]?.stringValue == Self.prompt1)
        let second = try #require(batch.traces.first { $0.id == "4f5a6b7c8d9e0f1a2b3c4d5e6f708192" })
        #expect(second.input == .messages([.text(.user, "Show me the one-line fix.")]))
        #expect(second.metadata?["promptId"]?.stringValue == Self.prompt2)
        // Every trace a record falls in lands in the session: the prompts', the continuation's
        // (`system_prompt`) and the tool scheduler's.
        #expect(Set(batch.traces.map(\.id)).count == batch.traces.count)
        #expect(batch.traces.count == 4)
        #expect(batch.traces.allSatisfy { $0.sessionId == Self.session && $0.name == nil })
        // The session's first prompt labels it.
        #expect(
            batch.genAISessions == [
                SessionRecord(
                    id: Self.session, source: SessionSource.geminiCLI, label: "Why does test_add fail? Check src/mathlib.py.")
            ])
    }

    @Test func toolCallsAreToolObservationsWithTheirArguments() throws {
        let tools = try Self.batch().observations.filter { $0.kind == .tool }
        #expect(tools.map(\.name) == ["read_file", "run_shell_command"])
        #expect(tools.map(\.input) == [.json(Self.readFile.arguments), .json(Self.runShell.arguments)])
        #expect(tools.map(\.level) == [nil, nil])
        #expect(tools.map(\.startTime) == [Self.at(1_787_223_604_394_000), Self.at(1_787_223_606_260_000)])
        #expect(tools.map(\.endTime) == [Self.at(1_787_223_604_400_000), Self.at(1_787_223_608_100_000)])
        // Emitted in the scheduler's span: under it, in its trace.
        #expect(tools.allSatisfy { $0.parentId == "aa00000000000003" && $0.traceId == "2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f70" })
        #expect(tools.map { $0.metadata?["decision"]?.stringValue } == ["auto_accept", "accept"])
        #expect(
            tools.map(\.id) == [
                "events:gemini-cli:\(Self.session):\(Self.prompt1):read_file:2026-08-20T11:00:04.394000Z",
                "events:gemini-cli:\(Self.session):\(Self.prompt1):run_shell_command:2026-08-20T11:00:06.260000Z",
            ])
    }

    /// The records carry the `llm_call` span's ids, so each call's log events and its span are one
    /// observation in the store.
    @Test func generationIdsAreTheLLMCallSpanIds() throws {
        let spans = try OTLPTraces.decode(json: GenAILogFixture.data("gemini_cli_traces", "json"))
        let llmCalls = spans.observations.filter { $0.name == "llm_call" }
        let generations = Self.generations(try Self.batch())
        #expect(llmCalls.count == 4)
        #expect(generations.map(\.id) == llmCalls.map(\.id))
        #expect(generations.map(\.traceId) == llmCalls.map(\.traceId))
        #expect(generations.map(\.level) == llmCalls.map { $0.level == .error ? .error : nil })
    }

    /// Without trace ids (records emitted outside any span), calls are named by their outcome's
    /// `event.timestamp` and their requests paired with them by prompt and order.
    @Test func withoutSpanIdsCallsTakeStableEventIds() throws {
        let export = GenAILogFixture.removing(["traceId", "spanId"], from: try GenAILogFixture.export("gemini_cli_logs"))
        let batch = try GenAILogFixture.decode(export)
        let generations = Self.generations(batch)
        #expect(
            generations.map(\.id) == [
                "events:gemini-cli:\(Self.session):2026-08-20T11:00:04.260Z",
                "events:gemini-cli:\(Self.session):2026-08-20T11:00:09.010Z",
                "events:gemini-cli:\(Self.session):2026-08-20T11:00:13.600Z",
                "events:gemini-cli:\(Self.session):2026-08-20T11:00:51.950Z",
            ])
        let withIds = Self.generations(try Self.batch())
        #expect(generations.map(\.input) == withIds.map(\.input))
        #expect(generations.map(\.output) == withIds.map(\.output))
        #expect(generations.map(\.usage) == withIds.map(\.usage))
        // One trace per prompt, named by it.
        let prompt1Trace = "events:gemini-cli:\(Self.session):\(Self.prompt1)"
        #expect(
            generations.map(\.traceId) == [
                prompt1Trace, prompt1Trace, prompt1Trace, "events:gemini-cli:\(Self.session):\(Self.prompt2)",
            ])
        #expect(batch.traces.map(\.id) == [prompt1Trace, "events:gemini-cli:\(Self.session):\(Self.prompt2)"])
        #expect(batch.traces.allSatisfy { $0.name == "gemini-cli" && $0.sessionId == Self.session })
        #expect(batch.traces[0].input == .messages([.text(.user, "Why does test_add fail? Check src/mathlib.py.")]))
        // Tools go under the call that asked for them.
        let tools = batch.observations.filter { $0.kind == .tool }
        #expect(tools.map(\.parentId) == [generations[0].id, generations[0].id])
        #expect(tools.map(\.traceId) == [prompt1Trace, prompt1Trace])
        #expect(
            batch.records.allSatisfy { record in
                if case .session = record { return true }
                return record.id.hasPrefix("events:")
            })
    }

    /// An exporter batches records as they come: a call's request and its response can be in two
    /// exports. The response (and its twin) still names the call as it would in one export, and
    /// the span-less request alone is left out rather than made a second call.
    @Test func anExportSplitBetweenRequestAndResponseNamesTheCallAlike() throws {
        let export = GenAILogFixture.removing(["traceId", "spanId"], from: try GenAILogFixture.export("gemini_cli_logs"))
        let whole = Self.generations(try GenAILogFixture.decode(export))
        // Records 0–2: the first prompt, its request and the request's twin.
        let head = try GenAILogFixture.decode(GenAILogFixture.editingRecords(export) { records, _ in Array(records.prefix(3)) })
        let tail = try GenAILogFixture.decode(
            GenAILogFixture.editingRecords(export) { records, _ in Array(records.dropFirst(3)) })
        #expect(Self.generations(head).isEmpty)
        #expect(head.traces.first?.input == .messages([.text(.user, "Why does test_add fail? Check src/mathlib.py.")]))
        let split = Self.generations(tail)
        #expect(split.map(\.id) == whole.map(\.id))
        #expect(split[0].usage == whole[0].usage)
        #expect(split[0].output == whole[0].output)
        // The response's twin carries the request's messages, which stand in for `request_text`.
        #expect(split[0].input == whole[0].input)
        #expect(split[0].startTime == whole[0].startTime)
        #expect(split.dropFirst() == whole.dropFirst())
        // With span ids, the request alone is kept: the id it has is the call's.
        let spanHead = try GenAILogFixture.decode(
            GenAILogFixture.editingRecords(try GenAILogFixture.export("gemini_cli_logs")) { records, _ in Array(records.prefix(3))
            })
        let request = try #require(Self.generations(spanHead).first)
        #expect(request.id == "aa00000000000002")
        #expect(request.input == Self.generations(try Self.batch())[0].input)
        #expect(request.startTime == Self.at(1_787_223_600_049_999))
        #expect(request.endTime == nil && request.usage == nil)
    }

    @Test func otherGeminiEventsAreAcknowledgedAndNotStored() throws {
        let export = GenAILogFixture.editingRecords(try GenAILogFixture.export("gemini_cli_logs")) { records, _ in
            let config: JSONValue = [
                "timeUnixNano": "1787223599000000000",
                "attributes": [
                    GenAILogFixture.attribute("session.id", ["stringValue": .string(Self.session)]),
                    GenAILogFixture.attribute("event.name", ["stringValue": "gemini_cli.config"]),
                    GenAILogFixture.attribute("model", ["stringValue": "gemini-2.5-pro"]),
                ],
            ]
            return [config] + records
        }
        #expect(try GenAILogFixture.decode(export) == (try GenAILogFixture.logs(json: "gemini_cli_logs")))
    }

    /// Wrong types, missing fields and nonsense beside one valid response: nothing crashes, and the
    /// valid record loses nothing.
    @Test func hostileRecordsLoseNothingValidBesideThem() throws {
        typealias V = GenAILogFixture
        func record(_ name: String, _ attributes: KeyValuePairs<String, JSONValue>, spanId: String? = nil) -> JSONValue {
            let all =
                [("session.id", V.string(Self.session)), ("event.name", V.string(name))] + attributes.map { ($0.key, $0.value) }
            var object: [String: JSONValue] = [
                "timeUnixNano": "1787223604260000000", "attributes": .array(all.map { V.attribute($0.0, $0.1) }),
            ]
            if let spanId {
                object["spanId"] = .string(spanId)
                object["traceId"] = "1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"
            }
            return .object(object)
        }
        let chunks = #"""
            [{"candidates":[{"content":{"role":"model","parts":[{"text":"Let me think","thought":true},{"text":"Hel"}]}}]},
             {"candidates":[{"content":{"role":"model","parts":[{"text":"lo","thoughtSignature":"c2ln"}]}}]}]
            """#
        let hostile: [JSONValue] = [
            record(
                "gemini_cli.api_response",
                [
                    "input_token_count": ["boolValue": true], "output_token_count": V.string("-5"), "duration_ms": V.array([]),
                    "response_text": V.string("{not json"), "finish_reasons": V.kvlist([:]),
                ], spanId: "bb00000000000001"),
            record("gemini_cli.api_request", ["request_text": V.int(7)], spanId: "bb00000000000002"),
            record(
                "gemini_cli.api_error", ["error": ["doubleValue": 1.5], "status_code": V.string("oops")],
                spanId: "bb00000000000003"),
            record(
                "gemini_cli.tool_call",
                [
                    "function_args": V.string("not json"), "success": V.string("false"),
                    "duration_ms": V.string("99999999999999999999"),
                ]),
            record(
                "gen_ai.client.inference.operation.details",
                ["gen_ai.input.messages": V.string(#"[{"role": 5}]"#), "gen_ai.output.messages": V.int(1)]),
            record("gemini_cli.user_prompt", ["prompt": V.kvlist([:]), "prompt_id": V.array([])]),
            record(
                "gemini_cli.api_response",
                [
                    "input_token_count": V.string("12"), "output_token_count": V.string("3"),
                    "thoughts_token_count": ["doubleValue": 4.0],
                    "cached_content_token_count": V.string("2"), "duration_ms": V.string("250"),
                    "model": V.string("gemini-2.5-flash"), "response_text": V.string(chunks),
                ], spanId: "bb00000000000004"),
        ]
        // And a record with no session at all, which is left out.
        let sessionless: JSONValue = [
            "timeUnixNano": "1787223604260000000",
            "attributes": [
                V.attribute("event.name", V.string("gemini_cli.api_response")), V.attribute("input_token_count", V.int(3)),
            ],
        ]
        // The resource names the service only, so the sessionless record has no session to fall back on.
        let export: JSONValue = [
            "resourceLogs": [
                [
                    "resource": ["attributes": [V.attribute("service.name", V.string("gemini-cli"))]],
                    "scopeLogs": [["scope": ["name": "gemini-cli"], "logRecords": .array(hostile + [sessionless])]],
                ]
            ]
        ]
        let batch = try GenAILogFixture.decode(export)
        #expect(batch.rejected == 0)
        #expect(
            Self.generations(batch).map(\.id) == [
                "bb00000000000001", "bb00000000000002", "bb00000000000003",
                "events:gemini-cli:\(Self.session):2026-08-20T11:00:04.260000Z", "bb00000000000004",
            ])
        let valid = try #require(batch.observations.first { $0.id == "bb00000000000004" })
        #expect(valid.usage == Usage(input: 10, output: 7, cacheRead: 2, reasoning: 4))
        #expect(valid.model == "gemini-2.5-flash")
        #expect(
            valid.output
                == .messages([
                    Message(role: .assistant, parts: [.reasoning(text: "Let me think", signature: nil), .text("Hello")])
                ]))
        #expect(valid.startTime == Self.at(1_787_223_604_260_000 - 250_000))
        // The broken ones are there as far as they could be read, and no further.
        let broken = try #require(batch.observations.first { $0.id == "bb00000000000001" })
        #expect(broken.usage == nil)
        #expect(broken.output == .json("{not json"))
        #expect(broken.startTime == nil && broken.endTime == Self.at(1_787_223_604_260_000))
        #expect(batch.observations.first { $0.id == "bb00000000000003" }?.statusMessage == "1.5")
        let tool = try #require(batch.observations.first { $0.kind == .tool })
        #expect(tool.input == .json("not json"))
        #expect(tool.level == .error)
        #expect(batch.genAISessions.map(\.id) == [Self.session])
    }
}
