import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// OpenAI Responses calls through the proxy: the reference request with its text and
/// function-call streams, a non-streamed body, and what a stream gives without its closing
/// event (FORMATS.md §1.2).
@Suite struct ProxyOpenAIResponsesTests {
    static let responseId = "resp_68a1f0c2d4e8819a9b5c7d1e2f3a4b5c"

    static func exchange(_ body: ProviderResponseBody, outcome: ProviderOutcome = .complete) throws -> ProviderExchange {
        ProxyFixtures.exchange(
            route: "openai", path: "/v1/responses", request: try ProxyFixtures.bytes("openai_responses_request.json"),
            body: body, outcome: outcome)
    }

    static func expectRequest(_ observation: ObservationRecord) throws {
        #expect(
            observation.input
                == .messages([
                    .text(.system, "You are a weather bot."),
                    Message(role: .user, parts: [.text("Weather in Paris?")]),
                    Message(
                        role: .assistant,
                        parts: [.toolCall(ToolCall(id: "call_Qd3vN0dR1fA8bLw9", name: "get_weather", arguments: ["location": "Paris, FR"]))]),
                    Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_Qd3vN0dR1fA8bLw9", content: "rainy, 14°C"))]),
                ]))
        #expect(observation.modelParameters == ["stream": true])
        let tools = try #require(observation.toolDefinitions)
        #expect(tools.map(\.name) == ["get_weather"])
        #expect(tools[0].parameters?["additionalProperties"] == false)
    }

    @Test func streamedText() throws {
        let (trace, observation) = try ProxyFixtures.decode(
            try Self.exchange(.events(try ProxyFixtures.events("openai_responses_stream_text.sse"))))
        #expect(trace.name == "openai/responses")
        try Self.expectRequest(observation)
        #expect(try ProxyFixtures.outputParts(observation) == [.text("It's rainy in Paris, 14°C.")])
        // input_tokens 1310 include 1152 cached.
        #expect(observation.usage == Usage(input: 158, output: 11, cacheRead: 1152, reasoning: 0, total: 1321))
        #expect(observation.model == "gpt-4.1-2025-04-14")
        #expect(observation.metadata?["requestedModel"] == "gpt-4.1")
        #expect(observation.metadata?["responseId"] == .string(Self.responseId))
        #expect(observation.metadata?["finishReason"] == "completed")
        #expect(observation.metadata?["eventCount"] == 10)
        #expect(observation.level == nil)
    }

    @Test func streamedFunctionCall() throws {
        let (_, observation) = try ProxyFixtures.decode(
            try Self.exchange(.events(try ProxyFixtures.events("openai_responses_stream_toolcall.sse"))))
        try Self.expectRequest(observation)
        #expect(
            try ProxyFixtures.outputParts(observation) == [
                .toolCall(ToolCall(id: "call_Qd3vN0dR1fA8bLw9", name: "get_weather", arguments: ["location": "Paris, FR"]))
            ])
        #expect(observation.usage == Usage(input: 75, output: 18, cacheRead: 0, reasoning: 0, total: 93))
        #expect(observation.metadata?["finishReason"] == "completed")
    }

    @Test func nonStreamedBodyReadsLikeTheStreamsClosingEvent() throws {
        let events = try ProxyFixtures.events("openai_responses_stream_text.sse")
        let closing = try #require(events.last)
        let final = try #require(try JSONText.parse(closing.data)["response"])
        let (_, observation) = try ProxyFixtures.decode(try Self.exchange(.bytes(Array(JSONText.data(final)))))
        #expect(try ProxyFixtures.outputParts(observation) == [.text("It's rainy in Paris, 14°C.")])
        #expect(observation.usage == Usage(input: 158, output: 11, cacheRead: 1152, reasoning: 0, total: 1321))
        #expect(observation.metadata?["stream"] == false)
        #expect(observation.metadata?["responseId"] == .string(Self.responseId))
    }

    @Test func withoutItsClosingEventTheStreamIsAssembledFromItsDeltas() throws {
        for name in ["openai_responses_stream_text.sse", "openai_responses_stream_toolcall.sse"] {
            let events = try ProxyFixtures.events(name)
            let whole = try ProxyFixtures.decode(try Self.exchange(.events(events))).1
            let cut = try ProxyFixtures.decode(try Self.exchange(.events(Array(events.dropLast())))).1
            // The items the deltas built are the items the closing event lists.
            #expect(cut.output == whole.output)
            #expect(cut.usage == nil)
            #expect(cut.level == .warning)
            #expect(cut.statusMessage == "the stream ended early: the upstream closed the connection after \(events.count - 1) events")
            #expect(cut.metadata?["responseId"] == .string(Self.responseId))
            #expect(cut.metadata?["finishReason"] == nil)
        }
    }

    @Test func reasoningSummaryAndTextStreamedWithoutDoneItems() throws {
        let events: [ServerSentEvent] = [
            ("response.created", #"{"type":"response.created","response":{"id":"resp_1","model":"gpt-5.1-codex","status":"in_progress","output":[],"usage":null}}"#),
            ("response.output_item.added", #"{"type":"response.output_item.added","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}"#),
            ("response.reasoning_summary_text.delta", #"{"type":"response.reasoning_summary_text.delta","output_index":0,"summary_index":0,"delta":"Plan"}"#),
            ("response.reasoning_summary_text.delta", #"{"type":"response.reasoning_summary_text.delta","output_index":0,"summary_index":0,"delta":"ning."}"#),
            ("response.output_item.added", #"{"type":"response.output_item.added","output_index":1,"item":{"id":"msg_1","type":"message","role":"assistant","content":[]}}"#),
            ("response.output_text.delta", #"{"type":"response.output_text.delta","output_index":1,"content_index":0,"delta":"Do"}"#),
            ("response.output_text.delta", #"{"type":"response.output_text.delta","output_index":1,"content_index":0,"delta":"ne."}"#),
            ("response.completed", #"{"type":"response.completed","response":{"id":"resp_1","model":"gpt-5.1-codex","status":"completed","output":[],"usage":{"input_tokens":9000,"input_tokens_details":{"cached_tokens":8192},"output_tokens":60,"output_tokens_details":{"reasoning_tokens":20},"total_tokens":9060}}}"#),
        ].map { ServerSentEvent(type: $0.0, data: $0.1) }
        let (_, observation) = try ProxyFixtures.decode(try Self.exchange(.events(events)))
        // An empty `output` in the closing event keeps what the deltas built.
        #expect(try ProxyFixtures.outputParts(observation) == [.reasoning(text: "Planning.", signature: nil), .text("Done.")])
        #expect(observation.usage == Usage(input: 808, output: 60, cacheRead: 8192, reasoning: 20, total: 9060))
        #expect(observation.level == nil)
    }

    @Test func failedAndIncompleteResponses() throws {
        let failed = ServerSentEvent(
            type: "response.failed",
            data: #"{"type":"response.failed","response":{"id":"resp_2","status":"failed","error":{"code":"server_error","message":"The model failed."},"output":[]}}"#)
        let (_, failedCall) = try ProxyFixtures.decode(try Self.exchange(.events([failed])))
        #expect(failedCall.level == .error)
        #expect(failedCall.statusMessage == "The model failed.")
        #expect(failedCall.metadata?["errorCode"] == "server_error")

        let error = ServerSentEvent(type: "error", data: #"{"type":"error","code":"rate_limit_exceeded","message":"Slow down.","param":null,"sequence_number":1}"#)
        let (_, errorCall) = try ProxyFixtures.decode(try Self.exchange(.events([error])))
        #expect(errorCall.level == .error)
        #expect(errorCall.statusMessage == "Slow down.")
        #expect(errorCall.metadata?["errorCode"] == "rate_limit_exceeded")

        let incomplete = ServerSentEvent(
            type: "response.incomplete",
            data: #"{"type":"response.incomplete","response":{"id":"resp_3","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Part"}]}]}}"#)
        let (_, incompleteCall) = try ProxyFixtures.decode(try Self.exchange(.events([incomplete])))
        #expect(incompleteCall.level == nil)
        #expect(incompleteCall.metadata?["finishReason"] == "max_output_tokens")
        #expect(try ProxyFixtures.outputParts(incompleteCall) == [.text("Part")])
    }
}
