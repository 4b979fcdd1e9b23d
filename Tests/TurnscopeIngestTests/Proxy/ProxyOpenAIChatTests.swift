import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// OpenAI Chat Completions calls through the proxy: the reference request with its
/// non-streamed answer, a stream of two parallel tool calls and a text stream (FORMATS.md §1.1).
@Suite struct ProxyOpenAIChatTests {
    static func exchange(_ body: ProviderResponseBody, outcome: ProviderOutcome = .complete) throws -> ProviderExchange {
        ProxyFixtures.exchange(
            route: "openai", path: "/v1/chat/completions", request: try ProxyFixtures.bytes("openai_chat_request_toolcall.json"),
            responseHeaders: ["x-request-id": "req_abc123"], body: body, outcome: outcome)
    }

    static func expectRequest(_ observation: ObservationRecord) throws {
        #expect(
            observation.input
                == .messages([
                    .text(.system, "You are a weather bot."),
                    Message(role: .user, parts: [.text("Weather in Paris?")]),
                    Message(
                        role: .assistant,
                        parts: [
                            .toolCall(ToolCall(id: "call_VSPygqKTWdrhaFErNvMV18Yl", name: "get_weather", arguments: ["location": "Paris, FR"]))
                        ]),
                    Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_VSPygqKTWdrhaFErNvMV18Yl", content: "rainy, 14°C"))]),
                ]))
        #expect(observation.modelParameters == ["tool_choice": "auto", "stream": true, "stream_options": ["include_usage": true]])
        let tools = try #require(observation.toolDefinitions)
        #expect(tools.map(\.name) == ["get_weather"])
        #expect(tools[0].description == "Current weather for a city")
        #expect(tools[0].parameters?["properties"]?["location"] == ["type": "string"])
    }

    @Test func nonStreamedToolCall() throws {
        let (trace, observation) = try ProxyFixtures.decode(
            try Self.exchange(.bytes(try ProxyFixtures.bytes("openai_chat_response_toolcall.json"))))
        #expect(trace.name == "openai/chat.completions")
        try Self.expectRequest(observation)
        #expect(
            try ProxyFixtures.outputParts(observation) == [
                .toolCall(ToolCall(id: "call_VSPygqKTWdrhaFErNvMV18Yl", name: "get_weather", arguments: ["location": "Paris, FR"]))
            ])
        #expect(observation.usage == Usage(input: 82, output: 17, cacheRead: 0, reasoning: 0, total: 99))
        #expect(observation.model == "gpt-4o-2024-08-06")
        #expect(observation.metadata?["responseId"] == "chatcmpl-BmQX1aVQ5bTpC3r3K8yFqg2Hn4Zp1")
        #expect(observation.metadata?["finishReason"] == "tool_calls")
        #expect(observation.metadata?["stream"] == false)
        #expect(observation.metadata?["requestId"] == "req_abc123")
        #expect(observation.level == nil)
        #expect(observation.completionStartTime == ProxyFixtures.firstToken)
    }

    @Test func streamedParallelToolCalls() throws {
        let (_, observation) = try ProxyFixtures.decode(
            try Self.exchange(.events(try ProxyFixtures.events("openai_stream_toolcall.sse"))))
        try Self.expectRequest(observation)
        #expect(
            try ProxyFixtures.outputParts(observation) == [
                .toolCall(ToolCall(id: "call_8Kx2QmZ1a7bC3dE4fG5hI6jK", name: "get_weather", arguments: ["location": "Paris, FR"])),
                .toolCall(ToolCall(id: "call_2nPq8RsT1uV3wX5yZ7aB9cD0", name: "get_weather", arguments: ["location": "Lyon, FR"])),
            ])
        // prompt_tokens 1210 include 1024 cached.
        #expect(observation.usage == Usage(input: 186, output: 41, cacheRead: 1024, reasoning: 0, total: 1251))
        #expect(observation.metadata?["responseId"] == "chatcmpl-BmQY7cT0mP2a9XkQ1r3zV5LhW8dEf")
        #expect(observation.metadata?["finishReason"] == "tool_calls")
        #expect(observation.metadata?["stream"] == true)
        #expect(observation.metadata?["eventCount"] == 9)
        #expect(observation.level == nil)
    }

    @Test func streamedText() throws {
        let (_, observation) = try ProxyFixtures.decode(
            try Self.exchange(.events(try ProxyFixtures.events("openai_stream_text.sse"))))
        #expect(try ProxyFixtures.outputParts(observation) == [.text("It's rainy in Paris, 14°C.")])
        #expect(observation.usage == Usage(input: 96, output: 12, cacheRead: 0, reasoning: 0, total: 108))
        #expect(observation.metadata?["finishReason"] == "stop")
        #expect(observation.level == nil)
    }

    @Test func fragmentsOfOneCallInOneChunkAndReasoningContent() throws {
        // Several fragments for one index in one chunk (the SDK tests that case), DeepSeek's
        // `reasoning_content`, and reasoning tokens inside the output.
        let chunks = [
            #"{"id":"chatcmpl-9","model":"deepseek-reasoner","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Think"}}]}"#,
            #"{"id":"chatcmpl-9","model":"deepseek-reasoner","choices":[{"index":0,"delta":{"reasoning_content":"ing."}}]}"#,
            #"{"id":"chatcmpl-9","model":"deepseek-reasoner","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"run","arguments":"{\"a\""}},{"index":0,"function":{"arguments":":1}"}}]}}]}"#,
            #"{"id":"chatcmpl-9","model":"deepseek-reasoner","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
            #"{"id":"chatcmpl-9","model":"deepseek-reasoner","choices":[],"usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150,"prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":30}}}"#,
            "[DONE]",
        ].map { ServerSentEvent(data: $0) }
        let exchange = ProxyFixtures.exchange(
            route: "deepseek", path: "/chat/completions",
            request: Array(#"{"model":"deepseek-reasoner","stream":true,"messages":[{"role":"user","content":"go"}]}"#.utf8),
            body: .events(chunks))
        let (trace, observation) = try ProxyFixtures.decode(exchange)
        #expect(trace.name == "deepseek/chat.completions")
        #expect(
            try ProxyFixtures.outputParts(observation) == [
                .reasoning(text: "Thinking.", signature: nil), .toolCall(ToolCall(id: "call_1", name: "run", arguments: ["a": 1])),
            ])
        #expect(observation.usage == Usage(input: 36, output: 50, cacheRead: 64, reasoning: 30, total: 150))
    }

    @Test func severalChoicesAreSeveralMessages() throws {
        let body = #"{"id":"chatcmpl-2","model":"gpt-4o","choices":[{"index":1,"message":{"role":"assistant","content":"B"},"finish_reason":"stop"},{"index":0,"message":{"role":"assistant","content":"A"},"finish_reason":"length"}]}"#
        let (_, observation) = try ProxyFixtures.decode(
            ProxyFixtures.exchange(
                route: "openai", path: "/v1/chat/completions", request: Array(#"{"model":"gpt-4o","n":2,"messages":[]}"#.utf8),
                body: .bytes(Array(body.utf8))))
        #expect(observation.output == .messages([.text(.assistant, "A"), .text(.assistant, "B")]))
        #expect(observation.metadata?["finishReason"] == "length")
        #expect(observation.usage == nil)
    }
}
