import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// Loads the OTLP fixtures in `Fixtures/otlp`: each export as OTLP/JSON and as protobuf.
///
/// The formats fixtures (`genai_span`, `openinference_span`, `openllmetry_legacy_span`) are copies of
/// the shared reference's `otlp_*` files; the Langfuse and litellm ones are the OTLP bodies captured
/// from the real clients (shared reference, `langfuse/examples`), whose `.pb` twins were encoded from
/// the JSON with `json2pb.py` and `protoc --encode` (the same script re-encodes the formats fixtures
/// byte for byte).
enum OTLPFixture {
    static let formats = ["genai_span", "openinference_span", "openllmetry_legacy_span"]
    static let captures = [
        "langfuse-python-3.14.6", "langfuse-python-5.0.4", "litellm-1.109.1-langfuse-4.18.0",
        "litellm-1.109.1-langfuse-otel",
    ]
    static let all = formats + captures

    static func data(_ name: String, _ ext: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/otlp"))
        return try Data(contentsOf: url)
    }

    static func json(_ name: String) throws -> OTLPBatch {
        try OTLPTraces.decode(json: data(name, "json"))
    }

    static func protobuf(_ name: String) throws -> OTLPBatch {
        try OTLPTraces.decode(protobuf: data(name, "pb"))
    }

    /// A timestamp from Unix nanoseconds, as the spans carry them.
    static func at(nanos: Int64) -> Timestamp { Timestamp(microseconds: nanos / 1_000) }

    /// What the shared normalizer makes of a JSON value the span sent as text.
    static func payload(_ json: String) throws -> Payload {
        PayloadNormalizer.payload(from: try JSONText.parse(json))
    }
}

extension OTLPBatch {
    /// The observation with this span id.
    func observation(_ id: String) throws -> ObservationRecord {
        try #require(observations.first { $0.id == id }, "no observation \(id)")
    }

    /// The trace records written for this trace, in span order.
    func traces(_ id: String) -> [TraceRecord] {
        traces.filter { $0.id == id }
    }
}

/// The three formats fixtures (OTel GenAI, OpenInference, OpenLLMetry legacy): both wire forms give
/// the same records, and each convention maps to the right kind, model, messages, usage and session.
@Suite struct OTLPFixtureTests {
    @Test(arguments: OTLPFixture.all)
    func protobufAndJSONDecodeToTheSameRecords(name: String) throws {
        let json = try OTLPFixture.json(name)
        let protobuf = try OTLPFixture.protobuf(name)
        #expect(!protobuf.records.isEmpty)
        #expect(protobuf == json)
    }

    @Test(arguments: OTLPFixture.all)
    func everySpanBecomesAnObservationAndNothingIsRejected(name: String) throws {
        let batch = try OTLPFixture.protobuf(name)
        let spans = try JSONText.parse(OTLPFixture.data(name, "json"))["resourceSpans"]?.arrayValue?
            .flatMap { $0["scopeSpans"]?.arrayValue ?? [] }.flatMap { $0["spans"]?.arrayValue ?? [] } ?? []
        #expect(batch.observations.map(\.id) == spans.compactMap { $0["spanId"]?.stringValue })
        #expect(batch.rejected == 0)
        #expect(batch.rejectionMessage == nil)
    }

    // MARK: - OTel GenAI

    @Test func genAIAgentChatAndTool() throws {
        let batch = try OTLPFixture.protobuf("genai_span")
        let traceId = "5b8efff798038103d269b633813fc60c"

        let agent = try batch.observation("eee19b7ec3c1b173")
        #expect(agent.kind == .agent)
        #expect(agent.traceId == traceId)
        #expect(agent.parentId == nil)
        #expect(agent.name == "invoke_agent weather-bot")
        #expect(agent.startTime == OTLPFixture.at(nanos: 1_760_432_400_000_000_000))
        #expect(agent.endTime == OTLPFixture.at(nanos: 1_760_432_403_200_000_000))
        #expect(agent.eventTime == agent.endTime)

        let chat = try batch.observation("eee19b7ec3c1b174")
        #expect(chat.kind == .generation)
        #expect(chat.parentId == "eee19b7ec3c1b173")
        #expect(chat.name == "chat gpt-4o")
        #expect(chat.model == "gpt-4o-2024-08-06")
        #expect(chat.modelParameters?["temperature"] == 0.2)
        #expect(chat.modelParameters?["max_tokens"] == 512)
        #expect(chat.modelParameters?["model"] == nil)
        #expect(chat.modelParameters?["tools"] == nil, "tool definitions have their own field")
        #expect(chat.toolDefinitions?.map(\.name) == ["get_weather"])
        // input_tokens includes the 1024 cached tokens (semconv): 186 were uncached.
        #expect(chat.usage == Usage(input: 186, output: 41, cacheRead: 1024))
        #expect(chat.cost == nil)
        #expect(chat.level == .default)
        #expect(
            chat.input == PayloadNormalizer.payload(from: [
                ["role": "system", "parts": [["type": "text", "content": "You are a weather bot."]]],
                ["role": "user", "parts": [["type": "text", "content": "Weather in Paris?"]]],
            ]))
        #expect(
            chat.output == (try OTLPFixture.payload(
                #"[{"role":"assistant","parts":[{"type":"tool_call","id":"call_VSPygqKTWdrhaFErNvMV18Yl","name":"get_weather","arguments":{"location":"Paris, FR"}}],"finish_reason":"tool_call"}]"#
            )))
        #expect(chat.input?.messages?.map(\.role) == [.system, .user])
        #expect(
            chat.output?.messages?.first?.toolCalls
                == [ToolCall(id: "call_VSPygqKTWdrhaFErNvMV18Yl", name: "get_weather", arguments: ["location": "Paris, FR"])])
        // The provider, finish reason and response id in the keys every source uses.
        #expect(chat.metadata?["provider"] == "openai")
        #expect(chat.metadata?["finishReason"] == "tool_calls")
        #expect(chat.metadata?["responseId"] == "chatcmpl-BmQX1aVQ5bTpC3r3K8yFqg2Hn4Zp1")
        #expect(attributesOf(chat)?["gen_ai.response.id"] == nil)
        // What no field holds stays in the metadata: the requested model, the server.
        let attributes = chat.metadata?["attributes"]
        #expect(attributes?["gen_ai.request.model"] == "gpt-4o")
        #expect(attributes?["gen_ai.provider.name"] == nil)
        #expect(attributes?["server.port"] == 443)
        #expect(attributes?["gen_ai.usage.input_tokens"] == nil)
        #expect(attributes?["gen_ai.input.messages"] == nil)
        #expect(chat.metadata?["resourceAttributes"]?["service.name"] == "weather-agent")
        #expect(chat.metadata?["scope"] == ["name": "opentelemetry.instrumentation.openai_v2", "version": "2.2b0"])

        let tool = try batch.observation("eee19b7ec3c1b175")
        #expect(tool.kind == .tool)
        #expect(tool.name == "get_weather")
        #expect(tool.input == PayloadNormalizer.payload(from: ["location": "Paris, FR"]))
        #expect(tool.output == PayloadNormalizer.payload(from: "rainy, 14°C"))
        // `tool.name` repeats the span's name, so it is not kept again in the metadata.
        #expect(tool.metadata?["attributes"]?["tool.name"] == nil)
        #expect(tool.metadata?["attributes"]?["gen_ai.tool.call.id"] == "call_VSPygqKTWdrhaFErNvMV18Yl")

        // The root starts the trace; the chat span adds its conversation id as the session.
        let traces = batch.traces(traceId)
        #expect(traces.count == 2)
        #expect(traces[0].name == "invoke_agent weather-bot")
        #expect(traces[0].timestamp == agent.startTime)
        #expect(traces[0].sessionId == "conv_5j66UpCpwteGg4YSxUnt7lPY")
        #expect(traces[1].sessionId == "conv_5j66UpCpwteGg4YSxUnt7lPY")
        #expect(traces[1].timestamp == nil)
        #expect(traces[1].name == nil)
    }

    // MARK: - OpenInference

    @Test func openInferenceLLMAndTool() throws {
        let batch = try OTLPFixture.protobuf("openinference_span")

        let llm = try batch.observation("aaa19b7ec3c1b174")
        #expect(llm.kind == .generation)
        #expect(llm.parentId == nil)
        #expect(llm.model == "gpt-4o-2024-08-06")
        #expect(llm.modelParameters?["temperature"] == 0.2)
        #expect(llm.modelParameters?["model"] == "gpt-4o")
        #expect(llm.toolDefinitions?.map(\.name) == ["get_weather"])
        #expect(llm.toolDefinitions?.first?.parameters?["type"] == "object")
        #expect(llm.input == .messages([.text(.system, "You are a weather bot."), .text(.user, "Weather in Paris?")]))
        #expect(
            llm.output == .messages([
                Message(
                    role: .assistant,
                    parts: [
                        .toolCall(
                            ToolCall(id: "call_VSPygqKTWdrhaFErNvMV18Yl", name: "get_weather", arguments: ["location": "Paris, FR"]))
                    ])
            ]))
        #expect(llm.usage == Usage(input: 186, output: 41, cacheRead: 1024, total: 1251))
        // OpenInference's `metadata` object is the application's metadata.
        #expect(llm.metadata?["env"] == "local")
        // `llm.system` says what `llm.provider` said: kept once, as the provider.
        #expect(llm.metadata?["provider"] == "openai")
        #expect(llm.metadata?["attributes"]?["llm.system"] == nil)
        #expect(llm.metadata?["attributes"]?["input.value"] == nil)

        let tool = try batch.observation("aaa19b7ec3c1b175")
        #expect(tool.kind == .tool)
        #expect(tool.name == "get_weather")
        #expect(tool.input == PayloadNormalizer.payload(from: ["location": "Paris, FR"]))
        // `output.mime_type` is text/plain: the text is kept as it is.
        #expect(tool.output == PayloadNormalizer.payload(from: "rainy, 14°C"))

        let traces = batch.traces("5b8efff798038103d269b633813fc60c")
        #expect(traces.count == 2)
        #expect(traces[0].name == "ChatCompletion")
        #expect(traces[0].userId == "dev@example.com")
        #expect(traces[0].sessionId == "26bcd3d2-cad2-443d-a23c-625e47f3324a")
        #expect(traces[0].tags == ["local-dev"])
        #expect(traces[0].input == llm.input)
        #expect(traces[1].sessionId == "26bcd3d2-cad2-443d-a23c-625e47f3324a")
        #expect(traces[1].userId == nil)
    }

    // MARK: - OpenLLMetry (legacy flattened attributes)

    @Test func openLLMetryAnthropicChat() throws {
        let batch = try OTLPFixture.protobuf("openllmetry_legacy_span")
        let chat = try batch.observation("bbb19b7ec3c1b174")
        #expect(chat.kind == .generation)
        #expect(chat.name == "anthropic.chat")
        #expect(chat.model == "claude-sonnet-4-5-20250929")
        #expect(chat.modelParameters?["max_tokens"] == 1024)
        #expect(
            chat.toolDefinitions
                == [
                    ToolDefinition(
                        name: "get_weather", description: "Current weather for a city",
                        parameters: [
                            "type": "object", "properties": ["location": ["type": "string"]], "required": ["location"],
                        ])
                ])
        #expect(chat.input == .messages([.text(.system, "You are a weather bot."), .text(.user, "Weather in Paris?")]))
        #expect(
            chat.output == .messages([
                Message(
                    role: .assistant,
                    parts: [
                        .text("I'll check the weather in Paris."),
                        .toolCall(ToolCall(id: "toolu_01NRLabsLyVHZPKxbKvkfSMn", name: "get_weather", arguments: ["location": "Paris, FR"])),
                    ])
            ]))
        // Anthropic's prompt_tokens already include cache reads and writes: 5673 − 4096 − 1200.
        #expect(chat.usage == Usage(input: 377, output: 65, cacheRead: 4096, cacheWrite5m: 1200, total: 5738))
        #expect(chat.level == .default)
        #expect(chat.metadata?["attributes"]?["traceloop.workflow.name"] == "weather_flow")

        let trace = try #require(batch.traces.first)
        #expect(batch.traces.count == 1)
        #expect(trace.sessionId == "s-42")
        #expect(trace.name == "anthropic.chat")
        #expect(trace.timestamp == OTLPFixture.at(nanos: 1_760_432_400_000_000_000))
    }

    private func attributesOf(_ observation: ObservationRecord) -> JSONValue? { observation.metadata?["attributes"] }
}
