import Foundation
import SwiftProtobuf
import Testing
import TurnscopeIngest
import TurnscopeOTLP
import TurnscopeModel

/// The wire-level rules: what refuses a whole export, what refuses one span, and what an OTLP/JSON
/// exporter may vary (ids, 64-bit integers, enums, unknown fields and values).
@Suite struct OTLPDecodingTests {
    static let traceId = "5b8efff798038103d269b633813fc60c"

    /// An OTLP/JSON export with the given spans (JSON objects as text) under one resource and scope.
    static func export(_ spans: [String], resource: String = "[]", scope: String = #"{"name":"test"}"#) -> Data {
        Data(
            #"{"resourceSpans":[{"resource":{"attributes":\#(resource)},"scopeSpans":[{"scope":\#(scope),"spans":[\#(spans.joined(separator: ","))]}]}]}"#
                .utf8)
    }

    /// A span with the given ids and attributes (an OTLP/JSON attribute list as text).
    static func span(
        _ spanId: String, traceId: String = traceId, parent: String? = nil, name: String = "span",
        attributes: String = "[]", extra: String = ""
    ) -> String {
        let parent = parent.map { #","parentSpanId":"\#($0)""# } ?? ""
        return #"{"traceId":"\#(traceId)","spanId":"\#(spanId)"\#(parent),"name":"\#(name)","startTimeUnixNano":"1760432400000000000","endTimeUnixNano":"1760432401000000000","attributes":\#(attributes)\#(extra)}"#
    }

    // MARK: - Whole exports refused

    @Test func truncatedProtobufIsAnError() throws {
        let data = try OTLPFixture.data("genai_span", "pb")
        for cut in [1, 10, data.count / 2] {
            let error = #expect(throws: OTLPDecodeError.self) { try OTLPTraces.decode(protobuf: data.dropLast(cut)) }
            #expect(error?.message == "not an OTLP protobuf ExportTraceServiceRequest: the body is truncated (it ends inside a field)")
        }
    }

    @Test(arguments: [
        Data("this is not protobuf".utf8), Data([0xFF, 0xFF, 0xFF, 0xFF]),
        Data(#"{"resourceSpans":[]}"#.utf8),
    ])
    func garbageProtobufIsAnError(data: Data) {
        let error = #expect(throws: OTLPDecodeError.self) { try OTLPTraces.decode(protobuf: data) }
        #expect(error?.message.hasPrefix("not an OTLP protobuf ExportTraceServiceRequest: ") == true)
    }

    @Test(arguments: [
        (#"{"resourceSpans":["#, "not OTLP/JSON: malformed JSON"),
        (#"[1,2]"#, "not an OTLP/JSON ExportTraceServiceRequest: expected an object, got an array"),
        (#"{"resourceSpans":{}}"#, "not an OTLP/JSON ExportTraceServiceRequest: resourceSpans is an object, expected an array"),
        (
            #"{"resourceSpans":[{"scopeSpans":[{"spans":7}]}]}"#,
            "not an OTLP/JSON ExportTraceServiceRequest: resourceSpans[0].scopeSpans[0].spans is a number, expected an array"
        ),
    ])
    func malformedJSONIsAnError(body: String, message: String) {
        let error = #expect(throws: OTLPDecodeError.self) { try OTLPTraces.decode(json: Data(body.utf8)) }
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    @Test func emptyExportsAreEmptyBatches() throws {
        #expect(try OTLPTraces.decode(protobuf: Data()) == OTLPBatch(records: []))
        #expect(try OTLPTraces.decode(json: Data("{}".utf8)) == OTLPBatch(records: []))
        #expect(try OTLPTraces.decode(json: Data(#"{"resourceSpans":[]}"#.utf8)) == OTLPBatch(records: []))
    }

    // MARK: - Single spans refused

    @Test func protobufSpansWithBadIdsAreRejectedAndTheirNeighboursKept() throws {
        let batch = try OTLPFixture.protobuf("bad_ids")
        #expect(batch.observations.map(\.id) == ["1111111111111111", "3333333333333333"])
        #expect(batch.observations.last?.parentId == "1111111111111111")
        #expect(batch.rejected == 2)
        #expect(
            batch.rejectionMessage
                == #"rejected 2 spans: span 2222222222222222: traceId has 5 bytes, expected 16; span "anonymous": spanId is missing"#)
    }

    @Test func jsonSpansWithBadIdsAreRejectedAndTheirNeighboursKept() throws {
        let batch = try OTLPTraces.decode(
            json: Self.export([
                Self.span("1111111111111111"),
                Self.span("2222222222222222", traceId: "not-a-trace-id"),
                #"{"traceId":"\#(Self.traceId)","name":"no span id"}"#,
                Self.span("0000000000000000"),
                Self.span("4444444444444444", parent: "12345"),
                #""a string where a span should be""#,
                Self.span("5555555555555555", parent: "1111111111111111"),
            ]))
        #expect(batch.observations.map(\.id) == ["1111111111111111", "5555555555555555"])
        #expect(batch.rejected == 5)
        let message = try #require(batch.rejectionMessage)
        #expect(message.hasPrefix(#"rejected 5 spans: span 2222222222222222: traceId is not 32 hex digits: "not-a-trace-id"; "#))
        #expect(message.contains(#"span "no span id": spanId is missing"#))
        #expect(message.hasSuffix("; and 2 more"))
    }

    // MARK: - What OTLP/JSON exporters vary

    @Test func idsAreCaseInsensitiveHexOrBase64() throws {
        let upper = try OTLPTraces.decode(
            json: Self.export([Self.span("EEE19B7EC3C1B174", traceId: Self.traceId.uppercased(), parent: "EEE19B7EC3C1B173")]))
        // The same ids in base64, as protobuf's canonical JSON mapping would write them.
        let base64 = try OTLPTraces.decode(
            json: Self.export([Self.span("7uGbfsPBsXQ=", traceId: "W47/95gDgQPSabYzgT/GDA==", parent: "7uGbfsPBsXM=")]))
        for batch in [upper, base64] {
            let observation = try #require(batch.observations.first)
            #expect(observation.id == "eee19b7ec3c1b174")
            #expect(observation.traceId == Self.traceId)
            #expect(observation.parentId == "eee19b7ec3c1b173")
        }
    }

    @Test func aZeroOrEmptyParentMeansARoot() throws {
        let batch = try OTLPTraces.decode(
            json: Self.export([Self.span("1111111111111111", parent: "0000000000000000"), Self.span("2222222222222222", parent: "")]))
        #expect(batch.observations.map(\.parentId) == [nil, nil])
        #expect(batch.traces.count == 2)
    }

    @Test func int64sMayBeNumbersOrStrings() throws {
        let attributes = #"[{"key":"gen_ai.usage.input_tokens","value":{"intValue":%@}},{"key":"gen_ai.usage.output_tokens","value":{"intValue":%@}},{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}]"#
        let strings = #"{"traceId":"\#(Self.traceId)","spanId":"1111111111111111","name":"chat","kind":3,"startTimeUnixNano":"1760432400000000000","endTimeUnixNano":"1760432401500000000","status":{"code":2,"message":"boom"},"attributes":\#(String(format: attributes, #""120""#, #""7""#))}"#
        let numbers = #"{"traceId":"\#(Self.traceId)","spanId":"1111111111111111","name":"chat","kind":3,"startTimeUnixNano":1760432400000000000,"endTimeUnixNano":1760432401500000000,"status":{"code":"STATUS_CODE_ERROR","message":"boom"},"attributes":\#(String(format: attributes, "120", "7"))}"#
        let fromStrings = try OTLPTraces.decode(json: Self.export([strings]))
        let fromNumbers = try OTLPTraces.decode(json: Self.export([numbers]))
        #expect(fromStrings == fromNumbers)
        let observation = try #require(fromNumbers.observations.first)
        #expect(observation.usage == Usage(input: 120, output: 7))
        #expect(observation.startTime == Timestamp(microseconds: 1_760_432_400_000_000))
        #expect(observation.endTime == Timestamp(microseconds: 1_760_432_401_500_000))
        #expect(observation.level == .error)
        #expect(observation.statusMessage == "boom")
    }

    @Test func unknownFieldsAndAttributesBreakNothing() throws {
        let attributes = #"""
            [{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},
             {"key":"acme.flags","value":{"arrayValue":{"values":[{"boolValue":true},{"doubleValue":"NaN"},{"intValue":"x"}]}}},
             {"key":"acme.nested","value":{"kvlistValue":{"values":[{"key":"a","value":{"intValue":1}},{"key":"b","value":{}}]}}},
             {"key":"acme.blob","value":{"bytesValue":"AAEC"}},
             {"key":"acme.interned","value":{"stringValueStrindex":3}},
             {"key":"acme.future","value":{"someNewValue":{"x":1}}},
             {"value":{"stringValue":"an attribute without a key"}},
             {"key":"acme.text","value":{"stringValue":"kept"}}]
            """#
        let span = Self.span(
            "1111111111111111", attributes: attributes,
            extra: #","droppedAttributesCount":2,"links":[{"traceId":"x"}],"futureField":{"a":[1,2]},"events":[{"name":"tick","timeUnixNano":"1"}]"#)
        let body = #"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"schemaUrl":"s","unknown":1,"scopeSpans":[{"scope":{"name":"acme","version":"1"},"spans":[\#(span)]}]}],"extra":true}"#
        let batch = try OTLPTraces.decode(json: Data(body.utf8))
        let observation = try #require(batch.observations.first)
        #expect(observation.kind == .generation)
        #expect(observation.model == "gpt-4o")
        let kept = try #require(observation.metadata?["attributes"])
        #expect(kept["acme.flags"] == [true, "NaN", nil])
        #expect(kept["acme.nested"] == ["a": 1, "b": nil])
        #expect(kept["acme.blob"] == "AAEC")
        #expect(kept["acme.interned"] == .null)
        #expect(kept["acme.future"] == .null)
        #expect(kept["acme.text"] == "kept")
        #expect(observation.metadata?["resourceAttributes"] == ["service.name": "svc"])
        #expect(observation.metadata?["scope"] == ["name": "acme", "version": "1"])
        #expect(observation.service == "svc")
        #expect(batch.traces.map(\.service) == ["svc"])
    }

    // MARK: - Mapping details

    @Test func levelsStatusAndExceptions() throws {
        func level(_ value: String) -> String {
            #"[{"key":"langfuse.observation.level","value":{"stringValue":"\#(value)"}}]"#
        }
        let failing = #","status":{"code":2},"events":[{"name":"exception","attributes":[{"key":"exception.message","value":{"stringValue":"it broke"}}]}]"#
        let batch = try OTLPTraces.decode(
            json: Self.export([
                Self.span("1111111111111111", attributes: level("warn")),
                Self.span("2222222222222222", attributes: level("Critical")),
                Self.span("3333333333333333", attributes: level("verbose")),
                Self.span("4444444444444444", attributes: level("success")),
                Self.span("5555555555555555", extra: failing),
                Self.span("6666666666666666", attributes: level("nonsense")),
            ]))
        #expect(batch.observations.map(\.level) == [.warning, .error, .debug, .default, .error, .default])
        #expect(batch.observations[4].statusMessage == "it broke")
    }

    @Test func firstTokenFromTheStreamingEventsInstrumentationsSend() throws {
        // OpenInference: one `First Token Stream Event`; OpenLLMetry: an event per chunk, the
        // first of which (not the first listed) is the answer. An event without a time, or an
        // unreadable one, gives nothing and loses nothing.
        let openInference = #","events":[{"name":"First Token Stream Event","timeUnixNano":"1760432400250000000"}]"#
        let openLLMetry = #","events":[{"name":"gen_ai.content.completion.chunk","timeUnixNano":"1760432400400000000"},{"name":"gen_ai.content.completion.chunk","timeUnixNano":1760432400300000000},{"name":"other","timeUnixNano":"1760432400100000000"}]"#
        let untimed = #","events":[{"name":"First Token Stream Event"},{"name":"gen_ai.content.completion.chunk","timeUnixNano":"soon"}]"#
        let batch = try OTLPTraces.decode(
            json: Self.export([
                Self.span("1111111111111111", extra: openInference), Self.span("2222222222222222", extra: openLLMetry),
                Self.span("3333333333333333", extra: untimed), Self.span("4444444444444444"),
            ]))
        #expect(batch.observations.count == 4)
        #expect(batch.observations.map { $0.completionStartTime?.iso8601 } == [
            "2025-10-14T09:00:00.250000Z", "2025-10-14T09:00:00.300000Z", nil, nil,
        ])
    }

    @Test func finishReasonResponseIdProviderAndStreamingInEveryConvention() throws {
        func attribute(_ key: String, _ value: String) -> String { #"{"key":"\#(key)","value":\#(value)}"# }
        let genAI = "[" + [
            attribute("gen_ai.response.finish_reasons", #"{"arrayValue":{"values":[{"stringValue":"stop"},{"stringValue":"length"}]}}"#),
            attribute("gen_ai.response.id", #"{"stringValue":"chatcmpl-1"}"#),
            attribute("gen_ai.system", #"{"stringValue":"openai"}"#),
            attribute("gen_ai.request.stream", #"{"boolValue":false}"#),
        ].joined(separator: ",") + "]"
        let openLLMetry = "[" + [
            attribute("gen_ai.response.finish_reasons", #"{"stringValue":"[\"end_turn\"]"}"#),
            attribute("llm.is_streaming", #"{"boolValue":true}"#),
            attribute("gen_ai.system", #"{"stringValue":"Anthropic"}"#), attribute("llm.system", #"{"stringValue":"anthropic"}"#),
        ].joined(separator: ",") + "]"
        let openInference = "[" + [
            attribute("llm.provider", #"{"stringValue":"anthropic"}"#), attribute("llm.system", #"{"stringValue":"anthropic"}"#),
        ].joined(separator: ",") + "]"
        let firstToken = #","events":[{"name":"First Token Stream Event","timeUnixNano":"1760432400250000000"}]"#
        let batch = try OTLPTraces.decode(
            json: Self.export([
                Self.span("1111111111111111", attributes: genAI), Self.span("2222222222222222", attributes: openLLMetry),
                Self.span("3333333333333333", attributes: openInference, extra: firstToken), Self.span("4444444444444444"),
            ]))
        let metadata = batch.observations.map { $0.metadata ?? [:] }
        #expect(metadata.map { $0["finishReason"] } == ["stop, length", "end_turn", nil, nil])
        #expect(metadata.map { $0["responseId"] } == ["chatcmpl-1", nil, nil, nil])
        #expect(metadata.map { $0["provider"] } == ["openai", "Anthropic", "anthropic", nil])
        #expect(metadata.map { $0["stream"] } == [false, true, true, nil])
        // Read once: not kept again among the unmapped attributes, nor is a runner-up that says
        // the same, while one that says otherwise stays.
        #expect(metadata[0]["attributes"] == nil)
        #expect(metadata[1]["attributes"]?["llm.system"] == "anthropic")
        #expect(metadata[2]["attributes"] == nil)
    }

    @Test func firstTokenEventsAreReadFromProtobufToo() throws {
        var span = Opentelemetry_Proto_Trace_V1_Span()
        span.traceID = Data(repeating: 0xab, count: 16)
        span.spanID = Data(repeating: 0xcd, count: 8)
        span.name = "ChatCompletion"
        span.startTimeUnixNano = 1_760_432_400_000_000_000
        span.endTimeUnixNano = 1_760_432_401_000_000_000
        var event = Opentelemetry_Proto_Trace_V1_Span.Event()
        event.name = "First Token Stream Event"
        event.timeUnixNano = 1_760_432_400_125_000_000
        span.events = [event]
        var request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest()
        request.resourceSpans = [.with { $0.scopeSpans = [.with { $0.spans = [span] }] }]
        let batch = try OTLPTraces.decode(protobuf: try request.serializedData())
        #expect(batch.observations.first?.completionStartTime?.iso8601 == "2025-10-14T09:00:00.125000Z")
    }

    @Test func asRootStartsATraceDespiteAParent() throws {
        let batch = try OTLPTraces.decode(
            json: Self.export([
                Self.span(
                    "2222222222222222", parent: "1111111111111111", name: "continued",
                    attributes: #"[{"key":"langfuse.internal.as_root","value":{"stringValue":"true"}}]"#)
            ]))
        let observation = try #require(batch.observations.first)
        #expect(observation.parentId == nil)
        #expect(observation.metadata?["attributes"] == nil)
        let trace = try #require(batch.traces.first)
        #expect(trace.name == "continued")
        #expect(trace.timestamp == observation.startTime)
    }

    @Test func traceAttributesInEveryForm() throws {
        let attributes = #"""
            [{"key":"langfuse.tags","value":{"stringValue":"a, b ,c"}},
             {"key":"langfuse.user.id","value":{"stringValue":"lf-user"}},
             {"key":"user.id","value":{"stringValue":"otel-user"}},
             {"key":"langfuse.observation.metadata.langfuse_session_id","value":{"stringValue":"\"meta-session\""}},
             {"key":"langfuse.trace.public","value":{"stringValue":"true"}},
             {"key":"langfuse.trace.metadata","value":{"stringValue":"{\"a\":1,\"b\":2}"}},
             {"key":"langfuse.trace.metadata.b","value":{"stringValue":"3"}},
             {"key":"langfuse.environment","value":{"stringValue":"Langfuse-Prod"}},
             {"key":"langfuse.version","value":{"stringValue":"2.0"}}]
            """#
        let batch = try OTLPTraces.decode(
            json: Self.export(
                [Self.span("2222222222222222", parent: "1111111111111111", attributes: attributes)],
                resource: #"[{"key":"langfuse.release","value":{"stringValue":"r9"}},{"key":"service.version","value":{"stringValue":"1.0"}}]"#))
        let trace = try #require(batch.traces.first)
        #expect(trace.tags == ["a", "b", "c"])
        #expect(trace.userId == "lf-user")
        #expect(trace.sessionId == "meta-session")
        #expect(trace.isPublic == true)
        #expect(trace.metadata == ["a": 1, "b": 3])
        #expect(trace.environment == "prod")
        #expect(trace.version == "2.0")
        #expect(trace.release == "r9")
        #expect(trace.timestamp == nil)
        let observation = try #require(batch.observations.first)
        #expect(observation.version == "2.0")
        // The loser of "first match wins" stays visible.
        #expect(observation.metadata?["attributes"] == ["user.id": "otel-user"])
        #expect(observation.metadata?["langfuse_session_id"] == "meta-session")
        #expect(observation.metadata?["resourceAttributes"] == ["service.version": "1.0"])
    }

    @Test func genAIContentFromTheInferenceDetailsEvent() throws {
        let event = #"""
            ,"events":[{"name":"gen_ai.client.inference.operation.details","attributes":[
              {"key":"gen_ai.input.messages","value":{"stringValue":"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]"}},
              {"key":"gen_ai.output.messages","value":{"stringValue":"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"hello\"}]}]"}}]}]
            """#
        let batch = try OTLPTraces.decode(
            json: Self.export([
                Self.span(
                    "1111111111111111", attributes: #"[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}}]"#, extra: event)
            ]))
        let observation = try #require(batch.observations.first)
        #expect(observation.kind == .generation)
        #expect(observation.input == PayloadNormalizer.payload(from: [["role": "user", "parts": [["type": "text", "content": "hi"]]]]))
        #expect(
            observation.output == PayloadNormalizer.payload(from: [["role": "assistant", "parts": [["type": "text", "content": "hello"]]]]))
    }

    @Test func usageConventionsAreNotMixedAndExclusiveInputIsKept() throws {
        func attribute(_ key: String, _ value: Int) -> String { #"{"key":"\#(key)","value":{"intValue":"\#(value)"}}"# }
        let both = "[" + [
            attribute("gen_ai.usage.input_tokens", 100), attribute("gen_ai.usage.output_tokens", 20),
            attribute("gen_ai.usage.reasoning.output_tokens", 8), attribute("gen_ai.usage.input_audio_tokens", 3),
            attribute("llm.token_count.prompt", 100), attribute("llm.token_count.completion", 20),
        ].joined(separator: ",") + "]"
        // An exporter that reports uncached input: fewer input tokens than cached ones.
        let exclusive = "[" + [
            attribute("llm.token_count.prompt", 10), attribute("llm.token_count.prompt_details.cache_read", 500),
            attribute("llm.token_count.prompt_details.cache_write", 40), attribute("llm.token_count.completion_details.audio", 2),
        ].joined(separator: ",") + "]"
        let batch = try OTLPTraces.decode(
            json: Self.export([Self.span("1111111111111111", attributes: both), Self.span("2222222222222222", attributes: exclusive)]))
        let first = batch.observations[0]
        #expect(first.usage == Usage(input: 100, output: 20, reasoning: 8, other: ["input_audio_tokens": 3]))
        #expect(first.metadata?["attributes"] == ["llm.token_count.prompt": 100, "llm.token_count.completion": 20])
        #expect(batch.observations[1].usage == Usage(input: 10, cacheRead: 500, cacheWrite5m: 40, other: ["output_audio": 2]))
    }

    @Test func costsFromEachConvention() throws {
        let langfuse = #"[{"key":"langfuse.observation.cost_details","value":{"stringValue":"{\"input\":0.5,\"cache_read_input_tokens\":0.25,\"total\":1,\"bogus\":-1}"}}]"#
        let genAI = #"[{"key":"gen_ai.usage.cost","value":{"doubleValue":0.75}}]"#
        let openInference = #"[{"key":"llm.cost.prompt","value":{"doubleValue":0.1}},{"key":"llm.cost.completion","value":{"doubleValue":0.2}},{"key":"llm.cost.total","value":{"doubleValue":0.3}}]"#
        let batch = try OTLPTraces.decode(
            json: Self.export([
                Self.span("1111111111111111", attributes: langfuse), Self.span("2222222222222222", attributes: genAI),
                Self.span("3333333333333333", attributes: openInference),
            ]))
        #expect(
            batch.observations.map(\.cost) == [
                Cost(total: 1, parts: ["input": 0.5, "cacheRead": 0.25]), Cost(total: 0.75),
                Cost(total: 0.3, parts: ["input": 0.1, "output": 0.2]),
            ])
    }

    @Test func flattenedToolResultsAndContentBlocks() throws {
        let attributes = #"""
            [{"key":"llm.input_messages.0.message.role","value":{"stringValue":"user"}},
             {"key":"llm.input_messages.0.message.contents.0.message_content.type","value":{"stringValue":"text"}},
             {"key":"llm.input_messages.0.message.contents.0.message_content.text","value":{"stringValue":"what is this?"}},
             {"key":"llm.input_messages.0.message.contents.1.message_content.type","value":{"stringValue":"image"}},
             {"key":"llm.input_messages.0.message.contents.1.message_content.image.image.url","value":{"stringValue":"https://x/cat.png"}},
             {"key":"llm.input_messages.2.message.role","value":{"stringValue":"tool"}},
             {"key":"llm.input_messages.2.message.tool_call_id","value":{"stringValue":"call_1"}},
             {"key":"llm.input_messages.2.message.content","value":{"stringValue":"a cat"}},
             {"key":"llm.input_messages.10.message.role","value":{"stringValue":"assistant"}},
             {"key":"llm.input_messages.10.message.content","value":{"stringValue":"It is a cat."}},
             {"key":"llm.input_messages.1.message.role","value":{"stringValue":"assistant"}},
             {"key":"llm.input_messages.1.message.tool_calls.0.tool_call.function.name","value":{"stringValue":"look"}},
             {"key":"llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments","value":{"stringValue":"not json"}}]
            """#
        let batch = try OTLPTraces.decode(json: Self.export([Self.span("1111111111111111", attributes: attributes)]))
        #expect(
            batch.observations.first?.input
                == .messages([
                    Message(role: .user, parts: [.text("what is this?"), .image(url: "https://x/cat.png", mediaType: nil)]),
                    Message(role: .assistant, parts: [.toolCall(ToolCall(id: nil, name: "look", arguments: "not json"))]),
                    Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_1", content: "a cat"))]),
                    .text(.assistant, "It is a cat."),
                ]))
    }
}
