import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// Anthropic Messages calls through the proxy: the reference request with its streamed and
/// non-streamed answers, thinking, and a stream's error event (FORMATS.md §2).
@Suite struct ProxyAnthropicTests {
    static let toolCall = ToolCall(id: "toolu_01NRLabsLyVHZPKxbKvkfSMn", name: "get_weather", arguments: ["location": "Paris, FR"])
    static let usage = Usage(input: 377, output: 65, cacheRead: 4096, cacheWrite5m: 1200, cacheWrite1h: 0)

    static func exchange(_ body: ProviderResponseBody, outcome: ProviderOutcome = .complete) throws -> ProviderExchange {
        ProxyFixtures.exchange(
            request: try ProxyFixtures.bytes("anthropic_request_tooluse.json"),
            responseHeaders: ["request-id": "req_011CabcDEF", "content-type": "text/event-stream"], body: body,
            outcome: outcome)
    }

    /// What the reference request reads as, whatever the answer.
    static func expectRequest(_ observation: ObservationRecord) throws {
        let image = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
        #expect(
            observation.input
                == .messages([
                    .text(.system, "You are a weather bot."),
                    Message(
                        role: .user,
                        parts: [.text("Weather where this photo was taken? It's Paris."), .image(url: image, mediaType: "image/png")]),
                    Message(role: .assistant, parts: [.text("I'll check the weather in Paris."), .toolCall(toolCall)]),
                    Message(
                        role: .tool,
                        parts: [.toolResult(ToolResult(callId: "toolu_01NRLabsLyVHZPKxbKvkfSMn", content: "rainy, 14°C"))]),
                ]))
        #expect(observation.modelParameters == ["max_tokens": 1024, "stream": true])
        let tools = try #require(observation.toolDefinitions)
        #expect(tools.count == 1)
        #expect(tools.map(\.name) == ["get_weather"])
        #expect(tools[0].description == "Current weather for a city")
        #expect(tools[0].parameters?["required"] == ["location"])
    }

    @Test func streamedToolUse() throws {
        let (trace, observation) = try ProxyFixtures.decode(
            try Self.exchange(.events(try ProxyFixtures.events("anthropic_stream_tooluse.sse"))))
        #expect(trace.id == "proxy:call-1")
        #expect(trace.name == "anthropic/messages")
        #expect(trace.sessionId == nil)
        #expect(trace.timestamp == ProxyFixtures.start)
        #expect(trace.tags == ["proxy"])

        #expect(observation.id == "proxy:call-1")
        #expect(observation.traceId == "proxy:call-1")
        #expect(observation.kind == .generation)
        #expect(observation.name == "anthropic/messages")
        #expect(observation.model == "claude-sonnet-4-5-20250929")
        try Self.expectRequest(observation)
        #expect(try ProxyFixtures.outputParts(observation) == [.text("I'll check the weather in Paris."), .toolCall(Self.toolCall)])
        #expect(observation.usage == Self.usage)
        #expect(observation.level == nil)
        #expect(observation.statusMessage == nil)
        #expect(observation.startTime == ProxyFixtures.start)
        #expect(observation.completionStartTime == ProxyFixtures.firstToken)
        #expect(observation.endTime == ProxyFixtures.end)

        let metadata = try #require(observation.metadata)
        #expect(metadata["responseId"] == "msg_01Xk3vQe9Rz7TbWq2YpL8mNs")
        #expect(metadata["finishReason"] == "tool_use")
        #expect(metadata["stream"] == true)
        #expect(metadata["httpStatus"] == 200)
        #expect(metadata["route"] == "anthropic")
        #expect(metadata["endpoint"] == "messages")
        #expect(metadata["path"] == "/v1/messages")
        #expect(metadata["requestId"] == "req_011CabcDEF")
        #expect(metadata["eventCount"] == 13)
        #expect(metadata["requestedModel"] == nil)
    }

    @Test func streamAsRawBytesReadsTheSame() throws {
        let events = try ProxyFixtures.decode(try Self.exchange(.events(try ProxyFixtures.events("anthropic_stream_tooluse.sse")))).1
        let bytes = try ProxyFixtures.decode(try Self.exchange(.bytes(try ProxyFixtures.bytes("anthropic_stream_tooluse.sse")))).1
        #expect(bytes == events)
    }

    @Test func nonStreamedToolUse() throws {
        var exchange = try Self.exchange(.bytes(try ProxyFixtures.bytes("anthropic_response_tooluse.json")))
        exchange.responseHeaders = ["content-type": "application/json"]
        let (_, observation) = try ProxyFixtures.decode(exchange)
        try Self.expectRequest(observation)
        #expect(try ProxyFixtures.outputParts(observation) == [.text("I'll check the weather in Paris."), .toolCall(Self.toolCall)])
        #expect(observation.usage == Self.usage)
        #expect(observation.model == "claude-sonnet-4-5-20250929")
        #expect(observation.metadata?["responseId"] == "msg_019Q1hrJbZG26Fb9BQhrkHEr")
        #expect(observation.metadata?["finishReason"] == "tool_use")
        #expect(observation.metadata?["stream"] == false)
        #expect(observation.metadata?["eventCount"] == nil)
        #expect(observation.level == nil)
    }

    @Test func streamedThinkingKeepsItsSignature() throws {
        let request = #"{"model":"claude-sonnet-4-5","max_tokens":2048,"stream":true,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"A haiku about rain, please."}]}"#
        let exchange = ProxyFixtures.exchange(
            request: Array(request.utf8), body: .events(try ProxyFixtures.events("anthropic_stream_thinking.sse")))
        let (_, observation) = try ProxyFixtures.decode(exchange)
        #expect(observation.input == .messages([.text(.user, "A haiku about rain, please.")]))
        #expect(
            observation.modelParameters
                == ["max_tokens": 2048, "stream": true, "thinking": ["type": "enabled", "budget_tokens": 1024]])
        #expect(observation.toolDefinitions == nil)
        #expect(
            try ProxyFixtures.outputParts(observation) == [
                .reasoning(
                    text: "User wants a haiku; keep it 5-7-5.", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
                .text("Rain on zinc rooftops"),
            ])
        // message_delta repeats the input and cache counts: its values win, and they agree.
        #expect(observation.usage == Usage(input: 52, output: 87, cacheRead: 0, cacheWrite5m: 0))
        #expect(observation.metadata?["finishReason"] == "end_turn")
        #expect(observation.model == "claude-sonnet-4-5-20250929")
        #expect(observation.metadata?["requestedModel"] == "claude-sonnet-4-5")
    }

    @Test func streamErrorEventIsAFailedCallKeepingWhatArrived() throws {
        let (_, observation) = try ProxyFixtures.decode(
            try Self.exchange(.events(try ProxyFixtures.events("anthropic_stream_error.sse"))))
        #expect(observation.level == .error)
        #expect(observation.statusMessage == "Overloaded")
        #expect(observation.metadata?["errorType"] == "overloaded_error")
        #expect(observation.metadata?["responseId"] == "msg_01Er7sT8uV9wX0yZ1aB2cD3e")
        #expect(observation.metadata?["cutShort"] == nil)
        #expect(observation.output == nil)
        // The usage reported so far: message_start's counts, the output a placeholder.
        #expect(observation.usage == Usage(input: 12, output: 1, cacheRead: 0, cacheWrite5m: 0))
        #expect(observation.completionStartTime == nil)
    }

    @Test func usageWithTheOneHourSplitAndThinkingDetails() throws {
        let stream: [ServerSentEvent] = [
            ServerSentEvent(type: "message_start", data: #"{"type":"message_start","message":{"id":"msg_1","model":"claude-opus-4-1","content":[],"usage":{"input_tokens":25,"cache_read_input_tokens":12000,"cache_creation_input_tokens":800,"cache_creation":{"ephemeral_5m_input_tokens":300,"ephemeral_1h_input_tokens":500},"output_tokens":1}}}"#),
            ServerSentEvent(type: "content_block_start", data: #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            ServerSentEvent(type: "content_block_delta", data: #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}"#),
            ServerSentEvent(type: "content_block_stop", data: #"{"type":"content_block_stop","index":0}"#),
            // Without cache counters, this usage alone would read as OpenAI Responses usage.
            ServerSentEvent(type: "message_delta", data: #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":40,"output_tokens_details":{"thinking_tokens":12}}}"#),
            ServerSentEvent(type: "message_stop", data: #"{"type":"message_stop"}"#),
        ]
        let (_, observation) = try ProxyFixtures.decode(
            ProxyFixtures.exchange(request: Array(#"{"model":"claude-opus-4-1","max_tokens":10,"messages":[]}"#.utf8), body: .events(stream)))
        #expect(observation.usage == Usage(input: 25, output: 40, cacheRead: 12_000, cacheWrite5m: 300, cacheWrite1h: 500, reasoning: 12))
        #expect(try ProxyFixtures.outputParts(observation) == [.text("ok")])
        #expect(observation.input == nil)
    }
}
