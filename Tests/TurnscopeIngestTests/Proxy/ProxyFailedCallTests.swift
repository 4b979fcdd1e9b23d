import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// Calls that failed: provider error bodies (400, 401, 429 with `retry-after`, 529, 5xx pages),
/// no response at all, and streams cut short after any number of events.
@Suite struct ProxyFailedCallTests {
    static let anthropicRequest = Array(#"{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}"#.utf8)
    static let openAIRequest = Array(#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#.utf8)

    static func failed(
        status: Int, route: String = "anthropic", headers: ProviderHeaders = [:], body: String
    ) throws -> ObservationRecord {
        let isAnthropic = route == "anthropic"
        let exchange = ProxyFixtures.exchange(
            route: route, path: isAnthropic ? "/v1/messages" : "/v1/chat/completions",
            request: isAnthropic ? anthropicRequest : openAIRequest, status: status, responseHeaders: headers,
            body: .bytes(Array(body.utf8)))
        return try ProxyFixtures.decode(exchange).1
    }

    /// What every failed call keeps: its prompt, and no answer or usage.
    static func expectFailed(_ observation: ObservationRecord, status: Int) {
        #expect(observation.level == .error)
        #expect(observation.output == nil)
        #expect(observation.usage == nil)
        #expect(observation.completionStartTime == nil)
        #expect(observation.input?.messages?.last == .text(.user, "hi"))
        #expect(observation.metadata?["httpStatus"] == .integer(Int64(status)))
    }

    @Test func anthropic400() throws {
        let observation = try Self.failed(
            status: 400,
            body: #"{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"#)
        Self.expectFailed(observation, status: 400)
        #expect(observation.statusMessage == "400 max_tokens: Field required")
        #expect(observation.metadata?["errorType"] == "invalid_request_error")
        #expect(observation.model == "claude-sonnet-4-5")
    }

    @Test func openAI401() throws {
        let observation = try Self.failed(
            status: 401, route: "openai",
            body: #"{"error":{"message":"Incorrect API key provided: sk-proj-****abcd.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#)
        Self.expectFailed(observation, status: 401)
        #expect(observation.statusMessage == "401 Incorrect API key provided: sk-proj-****abcd.")
        #expect(observation.metadata?["errorCode"] == "invalid_api_key")
    }

    @Test func rateLimited429KeepsRetryAfter() throws {
        let openAI = try Self.failed(
            status: 429, route: "openai", headers: ["Retry-After": "17", "x-ratelimit-remaining-requests": "0"],
            body: #"{"error":{"message":"Rate limit reached for gpt-4o.","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#)
        Self.expectFailed(openAI, status: 429)
        #expect(openAI.statusMessage == "429 Rate limit reached for gpt-4o.")
        #expect(openAI.metadata?["retryAfter"] == "17")
        #expect(openAI.metadata?["errorCode"] == "rate_limit_exceeded")
        #expect(openAI.metadata?["responseHeaders"]?["x-ratelimit-remaining-requests"] == "0")

        let anthropic = try Self.failed(
            status: 429, headers: ["retry-after": "3"],
            body: #"{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}"#)
        Self.expectFailed(anthropic, status: 429)
        #expect(anthropic.metadata?["retryAfter"] == "3")
        #expect(anthropic.metadata?["errorType"] == "rate_limit_error")
    }

    @Test func overloaded529() throws {
        let observation = try Self.failed(
            status: 529, body: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        Self.expectFailed(observation, status: 529)
        #expect(observation.statusMessage == "529 Overloaded")
        #expect(observation.metadata?["errorType"] == "overloaded_error")
    }

    @Test func errorPagesAndEmptyBodiesAreSaidAsTheyAre() throws {
        let page = try Self.failed(status: 502, body: "\n  <html><body>502 Bad Gateway</body></html>\n")
        Self.expectFailed(page, status: 502)
        #expect(page.statusMessage == "502 <html><body>502 Bad Gateway</body></html>")
        #expect(try Self.failed(status: 500, body: "").statusMessage == "HTTP 500 with an empty body")
        // Ollama's error is a bare string.
        #expect(try Self.failed(status: 404, route: "openai", body: #"{"error":"model \"llama9\" not found"}"#).statusMessage == #"404 model "llama9" not found"#)
    }

    @Test func noResponseAtAll() throws {
        let exchange = ProxyFixtures.exchange(
            request: Self.anthropicRequest, status: nil, body: .empty,
            timings: ProviderTimings(start: ProxyFixtures.start, end: ProxyFixtures.end),
            outcome: .failedBeforeResponse(message: "Could not resolve host: api.anthropic.com"))
        let (trace, observation) = try ProxyFixtures.decode(exchange)
        #expect(trace.id == "proxy:call-1")
        #expect(observation.level == .error)
        #expect(observation.statusMessage == "the request got no response: Could not resolve host: api.anthropic.com")
        #expect(observation.output == nil)
        #expect(observation.usage == nil)
        #expect(observation.metadata?["httpStatus"] == nil)
        #expect(observation.metadata?["stream"] == nil)
        #expect(observation.endTime == ProxyFixtures.end)
        #expect(observation.input == .messages([.text(.user, "hi")]))
    }

    // MARK: - Streams cut short

    @Test func streamCutAfterFiveEventsKeepsThePartialText() throws {
        let events = Array(try ProxyFixtures.events("anthropic_stream_tooluse.sse").prefix(5))
        let exchange = ProxyFixtures.exchange(
            request: try ProxyFixtures.bytes("anthropic_request_tooluse.json"), body: .events(events),
            outcome: .cutShort(.upstreamClosed, detail: "Connection reset by peer"))
        let (_, observation) = try ProxyFixtures.decode(exchange)
        #expect(observation.level == .warning)
        #expect(
            observation.statusMessage
                == "the stream ended early: the upstream closed the connection after 5 events (Connection reset by peer)")
        #expect(try ProxyFixtures.outputParts(observation) == [.text("I'll check the weather in Paris.")])
        // What message_start reported: the output count is its placeholder.
        #expect(observation.usage == Usage(input: 377, output: 1, cacheRead: 4096, cacheWrite5m: 1200, cacheWrite1h: 0))
        #expect(observation.metadata?["cutShort"] == "upstreamClosed")
        #expect(observation.metadata?["finishReason"] == nil)
        #expect(observation.metadata?["responseId"] == "msg_01Xk3vQe9Rz7TbWq2YpL8mNs")
        #expect(observation.toolDefinitions?.count == 1)
    }

    @Test func streamCutInsideToolArgumentsKeepsTheTextSoFar() throws {
        let events = Array(try ProxyFixtures.events("anthropic_stream_tooluse.sse").prefix(9))
        let exchange = ProxyFixtures.exchange(
            request: try ProxyFixtures.bytes("anthropic_request_tooluse.json"), body: .events(events),
            outcome: .cutShort(.clientDisconnected))
        let (_, observation) = try ProxyFixtures.decode(exchange)
        #expect(observation.statusMessage == "the stream ended early: the client disconnected after 9 events")
        #expect(
            try ProxyFixtures.outputParts(observation) == [
                .text("I'll check the weather in Paris."),
                .toolCall(ToolCall(id: "toolu_01NRLabsLyVHZPKxbKvkfSMn", name: "get_weather", arguments: "{\"locati")),
            ])
    }

    @Test func aStreamWithoutItsClosingEventIsCutEvenIfTheConnectionClosedCleanly() throws {
        let events = Array(try ProxyFixtures.events("openai_stream_text.sse").dropLast(2))  // no usage, no [DONE]
        let exchange = ProxyFixtures.exchange(
            route: "openai", path: "/v1/chat/completions", request: Self.openAIRequest, body: .events(events))
        let (_, observation) = try ProxyFixtures.decode(exchange)
        #expect(observation.level == .warning)
        #expect(observation.statusMessage == "the stream ended early: the upstream closed the connection after 4 events")
        #expect(try ProxyFixtures.outputParts(observation) == [.text("It's rainy in Paris, 14°C.")])
        #expect(observation.usage == nil)
        #expect(observation.metadata?["finishReason"] == "stop")
    }

    @Test func rawStreamBytesCutInsideAnEvent() throws {
        let bytes = try ProxyFixtures.bytes("anthropic_stream_thinking.sse")
        let cut = Array(bytes.prefix(bytes.count - 40))  // inside the message_stop event
        let exchange = ProxyFixtures.exchange(
            request: Self.anthropicRequest, responseHeaders: ["Content-Type": "text/event-stream; charset=utf-8"],
            body: .bytes(cut), outcome: .cutShort(.timedOut))
        let (_, observation) = try ProxyFixtures.decode(exchange)
        #expect(observation.level == .warning)
        #expect(observation.statusMessage?.hasPrefix("the stream ended early: the upstream timed out after ") == true)
        #expect(observation.metadata?["stream"] == true)
        #expect(try ProxyFixtures.outputParts(observation).last == .text("Rain on zinc rooftops"))
    }

    @Test(arguments: [
        ("anthropic", "/v1/messages", "anthropic_stream_tooluse.sse"),
        ("anthropic", "/v1/messages", "anthropic_stream_thinking.sse"),
        ("openai", "/v1/chat/completions", "openai_stream_toolcall.sse"),
        ("openai", "/v1/chat/completions", "openai_stream_text.sse"),
        ("openai", "/v1/responses", "openai_responses_stream_text.sse"),
        ("openai", "/v1/responses", "openai_responses_stream_toolcall.sse"),
    ])
    func everyCutPointIsAWarningThatKeepsAPrefixOfTheText(route: String, path: String, name: String) throws {
        let events = try ProxyFixtures.events(name)
        let request = route == "anthropic" ? Self.anthropicRequest : Self.openAIRequest
        func text(_ observation: ObservationRecord) -> String {
            (observation.output?.messages ?? []).flatMap(\.parts).compactMap { if case .text(let text) = $0 { text } else { nil } }
                .joined()
        }
        let whole = try ProxyFixtures.decode(ProxyFixtures.exchange(route: route, path: path, request: request, body: .events(events))).1
        #expect(whole.level == nil)
        for count in 0..<events.count {
            let exchange = ProxyFixtures.exchange(
                route: route, path: path, request: request, body: .events(Array(events.prefix(count))),
                outcome: .cutShort(.upstreamClosed))
            let observation = try ProxyFixtures.decode(exchange).1
            #expect(observation.level == .warning)
            #expect(observation.statusMessage?.hasSuffix("after \(count) event\(count == 1 ? "" : "s")") == true)
            #expect(text(whole).hasPrefix(text(observation)))
        }
    }
}
