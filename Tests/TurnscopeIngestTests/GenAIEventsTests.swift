import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// OTel GenAI log events (shared reference `agents/fixtures/genai_semconv_events_logs`): the
/// current `gen_ai.client.inference.operation.details` with structured content, and the legacy
/// `gen_ai.user.message` / `gen_ai.choice` events, both emitted in the chat span
/// `b1c2d3e4f5a60718`, decoded through the public API.
@Suite struct GenAIEventsTests {
    static let traceId = "5a6b7c8d9e0f1a2b3c4d5e6f708192a3"
    static let spanId = "b1c2d3e4f5a60718"
    static let weatherCall = ToolCall(id: "call_VSPygqKT", name: "get_weather", arguments: ["location": "Paris"])

    /// A log record in OTLP/JSON form.
    static func record(
        _ name: String, body: JSONValue? = nil, attributes: [(String, JSONValue)] = [], nanos: Int64 = 1_787_227_200_000_000_000,
        traceId: String? = traceId, spanId: String? = spanId, nameInAttribute: Bool = false
    ) -> JSONValue {
        var object: [String: JSONValue] = ["timeUnixNano": .string(String(nanos))]
        var attributes = attributes
        if nameInAttribute {
            attributes.append(("event.name", GenAILogFixture.string(name)))
        } else {
            object["eventName"] = .string(name)
        }
        object["attributes"] = .array(attributes.map { GenAILogFixture.attribute($0.0, $0.1) })
        if let body { object["body"] = body }
        if let traceId { object["traceId"] = .string(traceId) }
        if let spanId { object["spanId"] = .string(spanId) }
        return .object(object)
    }

    /// The fixture's export with its records replaced.
    static func export(_ records: [JSONValue]) throws -> OTLPBatch {
        try GenAILogFixture.decode(
            GenAILogFixture.editingRecords(try GenAILogFixture.export("genai_semconv_events_logs")) { _, scope in
                scope == 0 ? records : []
            })
    }

    /// The fixture with only the scopes whose index passes.
    static func fixture(scopes keep: @escaping (Int) -> Bool) throws -> OTLPBatch {
        try GenAILogFixture.decode(
            GenAILogFixture.editingRecords(try GenAILogFixture.export("genai_semconv_events_logs")) { records, scope in
                keep(scope) ? records : []
            })
    }

    @Test func jsonAndProtobufDecodeToTheSameRecords() throws {
        let json = try GenAILogFixture.logs(json: "genai_semconv_events_logs")
        let protobuf = try GenAILogFixture.logs(protobuf: "genai_semconv_events_logs")
        #expect(!protobuf.records.isEmpty)
        #expect(protobuf == json)
        #expect(protobuf.rejected == 0)
    }

    /// The inference-details event, structured content and all, is an update of its span's
    /// observation: same id and trace, no kind (the span says `generation`).
    @Test func operationDetailsAttachToTheirSpan() throws {
        let batch = try Self.fixture { $0 == 0 }
        #expect(batch.observations.count == 1)
        let call = try #require(batch.genAIObservations(Self.spanId).first)
        #expect(call.traceId == Self.traceId)
        #expect(call.kind == nil)
        #expect(call.name == nil && call.startTime == nil && call.endTime == nil)
        #expect(call.model == "gpt-4o-2024-08-06")
        #expect(call.usage == Usage(input: 47, output: 17, cacheRead: 0))
        #expect(call.input == .messages([.text(.system, "You are a helpful assistant."), .text(.user, "Weather in Paris?")]))
        #expect(call.output == .messages([Message(role: .assistant, parts: [.toolCall(Self.weatherCall)])]))
        #expect(call.metadata == ["responseId": "chatcmpl-9J3uIL87", "finishReason": "tool_call", "provider": "openai"])
        #expect(call.level == nil)
        #expect(call.eventTime == Timestamp(microseconds: 1_787_227_201_200_000))
        // The conversation is the trace's session.
        #expect(batch.traces == [TraceRecord(id: Self.traceId, sessionId: "conv_5j66UpCp", eventTime: call.eventTime)])
    }

    @Test func legacyMessageEventsAttachToTheirSpan() throws {
        let batch = try Self.fixture { $0 == 1 }
        #expect(batch.traces.isEmpty)
        #expect(batch.observations.count == 1)
        let call = try #require(batch.genAIObservations(Self.spanId).first)
        #expect(call.traceId == Self.traceId)
        #expect(call.kind == nil)
        #expect(call.input == .messages([.text(.user, "Weather in Paris?")]))
        #expect(call.output == .messages([Message(role: .assistant, parts: [.toolCall(Self.weatherCall)])]))
        #expect(call.metadata == ["finishReason": "tool_calls"])
        #expect(call.usage == nil && call.model == nil)
    }

    /// The whole fixture: both forms for one span make one update, the details' messages (which
    /// hold the system instructions) winning.
    @Test func bothFormsForOneSpanAreOneUpdate() throws {
        let batch = try GenAILogFixture.logs(json: "genai_semconv_events_logs")
        #expect(batch.observations.map(\.id) == [Self.spanId])
        let call = try #require(batch.observations.first)
        #expect(call == (try Self.fixture { $0 == 0 }).observations.first)
    }

    /// The ids are the ones the span mapping gives the chat span, so the store merges them.
    @Test func theIdsAreTheSpanMappersIds() throws {
        let span = #"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"weather-bot"}}]},
             "scopeSpans":[{"scope":{"name":"opentelemetry.instrumentation.openai_v2"},"spans":[{
              "traceId":"5a6b7c8d9e0f1a2b3c4d5e6f708192a3","spanId":"b1c2d3e4f5a60718","name":"chat gpt-4o","kind":3,
              "startTimeUnixNano":"1787227200000000000","endTimeUnixNano":"1787227201200000000",
              "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
                            {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}]}]}]}]}
            """#
        let spans = try OTLPTraces.decode(json: Data(span.utf8)).observations
        let events = try GenAILogFixture.logs(json: "genai_semconv_events_logs").observations
        #expect(spans.map(\.id) == events.map(\.id))
        #expect(spans.map(\.traceId) == events.map(\.traceId))
        #expect(spans.first?.kind == .generation)
    }

    @Test func everyLegacyMessageKind() throws {
        typealias V = GenAILogFixture
        let weather = V.kvlist([
            "id": V.string("call_1"), "type": V.string("function"),
            "function": V.kvlist(["name": V.string("get_weather"), "arguments": V.string(#"{"location":"Paris"}"#)]),
        ])
        let batch = try Self.export([
            Self.record("gen_ai.system.message", body: V.kvlist(["content": V.string("Be brief.")])),
            Self.record("gen_ai.user.message", body: V.kvlist(["content": V.string("Weather?")]), nameInAttribute: true),
            // Content capture off: nothing to show.
            Self.record("gen_ai.user.message", body: V.kvlist([:])),
            Self.record("gen_ai.assistant.message", body: V.kvlist(["tool_calls": V.array([weather])])),
            Self.record("gen_ai.tool.message", body: V.kvlist(["id": V.string("call_1"), "content": V.string("rainy")])),
            Self.record("gen_ai.tool.message", body: V.kvlist(["id": V.string("call_2")])),
            Self.record(
                "gen_ai.choice",
                body: V.kvlist([
                    "index": V.int(1), "finish_reason": V.string("stop"), "message": V.kvlist(["content": V.string("B")]),
                ])),
            Self.record(
                "gen_ai.choice",
                body: V.kvlist([
                    "index": V.int(0), "finish_reason": V.string("length"),
                    "message": V.kvlist(["role": V.string("assistant"), "content": V.string("A")]),
                ])),
            // Not a GenAI event this mapping knows: acknowledged, not stored.
            Self.record("gen_ai.evaluation.result", attributes: [("gen_ai.evaluation.name", V.string("x"))]),
        ])
        let call = try #require(batch.observations.first)
        #expect(batch.observations.count == 1)
        #expect(
            call.input
                == .messages([
                    .text(.system, "Be brief."), .text(.user, "Weather?"),
                    Message(
                        role: .assistant,
                        parts: [.toolCall(ToolCall(id: "call_1", name: "get_weather", arguments: ["location": "Paris"]))]),
                    Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_1", content: "rainy"))]),
                    Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_2", content: ""))]),
                ]))
        #expect(call.output == .messages([.text(.assistant, "A"), .text(.assistant, "B")]))
        #expect(call.metadata?["finishReason"] == "length, stop")
    }

    /// Without a span id, a trace's events are grouped into calls of their own, with stable
    /// `events:` ids; without any id, they are left out.
    @Test func withoutSpanIdsEventsAreGroupedByTrace() throws {
        func message(_ name: String, _ text: String, at seconds: Int64) -> JSONValue {
            let content = GenAILogFixture.kvlist(["content": GenAILogFixture.string(text)])
            let body = name == "gen_ai.choice" ? GenAILogFixture.kvlist(["message": content]) : content
            return Self.record(name, body: body, nanos: seconds * 1_000_000_000, spanId: nil)
        }
        let batch = try Self.export([
            message("gen_ai.user.message", "1", at: 1_787_227_200), message("gen_ai.choice", "a", at: 1_787_227_201),
            message("gen_ai.user.message", "2", at: 1_787_227_202), message("gen_ai.choice", "b", at: 1_787_227_203),
        ])
        #expect(
            batch.observations.map(\.id) == [
                "events:gen_ai:\(Self.traceId):1787227200000000", "events:gen_ai:\(Self.traceId):1787227202000000",
            ])
        #expect(batch.observations.allSatisfy { $0.kind == .generation && $0.traceId == Self.traceId && $0.name == "chat" })
        #expect(batch.observations.map(\.input) == [.messages([.text(.user, "1")]), .messages([.text(.user, "2")])])
        #expect(batch.observations.map(\.output) == [.messages([.text(.assistant, "a")]), .messages([.text(.assistant, "b")])])
        #expect(batch.observations[0].startTime == Timestamp(microseconds: 1_787_227_200_000_000))
        #expect(batch.observations[0].endTime == Timestamp(microseconds: 1_787_227_201_000_000))

        let details = GenAILogFixture.removing(["spanId"], from: try GenAILogFixture.export("genai_semconv_events_logs"))
        let call = try #require(try GenAILogFixture.decode(details).observations.first)
        #expect(call.id == "events:gen_ai:\(Self.traceId):chatcmpl-9J3uIL87")
        #expect(call.kind == .generation)
        #expect(call.name == "chat gpt-4o-2024-08-06")

        let noIds = GenAILogFixture.removing(
            ["spanId", "traceId"], from: try GenAILogFixture.export("genai_semconv_events_logs"))
        #expect(try GenAILogFixture.decode(noIds).records.isEmpty)
    }

    /// JSON-string content (as Gemini CLI sends it to any receiver) reads like structured content,
    /// and an `error.type` marks the call failed.
    @Test func jsonStringContentAndErrors() throws {
        let batch = try Self.export([
            Self.record(
                "gen_ai.client.inference.operation.details",
                attributes: [
                    ("gen_ai.system_instructions", GenAILogFixture.string(#"[{"type":"text","content":"Be brief."}]"#)),
                    (
                        "gen_ai.input.messages",
                        GenAILogFixture.string(#"[{"role":"user","parts":[{"type":"text","content":"Hi"}]}]"#)
                    ),
                    ("gen_ai.usage.input_tokens", GenAILogFixture.string("120")),
                    ("gen_ai.usage.cache_read.input_tokens", GenAILogFixture.int(100)),
                    ("gen_ai.usage.cache_creation.input_tokens", GenAILogFixture.int(15)),
                    ("gen_ai.usage.output_tokens", GenAILogFixture.int(9)),
                    ("gen_ai.usage.reasoning.output_tokens", GenAILogFixture.int(4)),
                    ("error.type", GenAILogFixture.string("timeout")),
                    ("gen_ai.response.finish_reasons", GenAILogFixture.string(#"["error"]"#)),
                ])
        ])
        let call = try #require(batch.observations.first)
        #expect(call.input == .messages([.text(.system, "Be brief."), .text(.user, "Hi")]))
        #expect(call.usage == Usage(input: 5, output: 9, cacheRead: 100, cacheWrite5m: 15, reasoning: 4))
        #expect(call.level == .error)
        #expect(call.statusMessage == "timeout")
        #expect(call.metadata == ["finishReason": "error", "errorType": "timeout"])
    }

    @Test func hostileRecordsLoseNothingValidBesideThem() throws {
        typealias V = GenAILogFixture
        let junk = "c000000000000002"
        let batch = try Self.export([
            Self.record(
                "gen_ai.client.inference.operation.details",
                attributes: [
                    ("gen_ai.input.messages", V.int(3)), ("gen_ai.output.messages", V.string("{broken")),
                    ("gen_ai.usage.input_tokens", V.string("many")), ("gen_ai.usage.output_tokens", ["boolValue": true]),
                    ("gen_ai.response.finish_reasons", V.int(2)), ("gen_ai.conversation.id", V.array([])),
                ]),
            Self.record("gen_ai.user.message", body: V.array([V.string("x")]), spanId: junk),
            Self.record("gen_ai.choice", body: V.string("plain text choice"), spanId: junk),
            Self.record("gen_ai.assistant.message", body: V.kvlist(["content": V.int(5)]), spanId: junk),
            Self.record("gen_ai.tool.message", body: V.kvlist(["tool_calls": V.string("x")]), spanId: junk),
            Self.record("gen_ai.choice", body: ["boolValue": true], spanId: junk),
            Self.record(
                "gen_ai.client.inference.operation.details",
                attributes: [
                    ("gen_ai.response.model", V.string("gpt-4o")), ("gen_ai.usage.input_tokens", V.int(10)),
                    ("gen_ai.output.messages", V.string(#"[{"role":"assistant","parts":[{"type":"text","content":"ok"}]}]"#)),
                ], spanId: "c000000000000001"),
        ])
        #expect(batch.rejected == 0)
        #expect(batch.traces.isEmpty)
        #expect(batch.observations.map(\.id) == [Self.spanId, junk, "c000000000000001"])
        let good = try #require(batch.genAIObservations("c000000000000001").first)
        #expect(good.model == "gpt-4o")
        #expect(good.usage == Usage(input: 10))
        #expect(good.output == .messages([.text(.assistant, "ok")]))
        // What could be read is, as it was sent; nothing is made up.
        let broken = try #require(batch.genAIObservations(Self.spanId).first)
        #expect(broken.usage == nil)
        #expect(broken.output == .json("{broken"))
        #expect(broken.input == .json(3))
        #expect(broken.metadata?["finishReason"] == "2")
        let legacy = try #require(batch.genAIObservations(junk).first)
        #expect(
            legacy.input
                == .messages([
                    Message(role: .assistant, parts: [.other(["content": 5])]),
                    Message(role: .tool, parts: [.other(["tool_calls": "x"])]),
                ]))
        #expect(legacy.output == .messages([.text(.assistant, "plain text choice")]))
    }
}
