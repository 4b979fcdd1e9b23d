import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// Bodies no decoder should trust: not JSON, the wrong types, megabytes of garbage, streams of
/// noise. Decoding never traps, keeps what it can, says what it could not read, and keeps its
/// messages small.
@Suite struct ProxyHostileInputTests {
    static let request = Array(#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#.utf8)

    static func chat(request: [UInt8] = request, status: Int? = 200, body: ProviderResponseBody) throws -> ObservationRecord {
        try ProxyFixtures.decode(
            ProxyFixtures.exchange(route: "openai", path: "/v1/chat/completions", request: request, status: status, body: body)
        ).1
    }

    /// 50 MB that starts like JSON and never closes its string: the parser reads all of it.
    static let garbage: [UInt8] = {
        var bytes = Array(#"{"choices": [{"message": {"content": ""#.utf8)
        bytes += [UInt8](repeating: 0x61, count: 50 << 20)
        bytes += [0xFF, 0xFE, 0x00, 0x0A]
        return bytes
    }()

    @Test func aRequestBodyThatIsNotJSONIsKeptAsText() throws {
        let observation = try Self.chat(request: Array("model=gpt-4o&prompt=hi".utf8), body: .bytes(Array(#"{"choices":[]}"#.utf8)))
        #expect(observation.input == .json("model=gpt-4o&prompt=hi"))
        #expect(observation.level == .warning)
        #expect(observation.statusMessage?.hasPrefix("the request body is not JSON (malformed JSON at line 1, column 1") == true)
        #expect(observation.metadata?["requestProblem"] == .string(observation.statusMessage ?? ""))
        #expect(observation.modelParameters == nil)
        #expect(observation.model == nil)
    }

    @Test func aRequestWithWrongTypesKeepsWhatItCan() throws {
        let request = Array(#"{"model": 5, "messages": {"role": 3}, "tools": "none", "temperature": "hot", "system": null}"#.utf8)
        let observation = try Self.chat(request: request, body: .bytes(Array(#"{"id":"chatcmpl-1","choices":[{"message":{"role":"assistant","content":"ok"}}]}"#.utf8)))
        #expect(observation.model == nil)
        #expect(observation.modelParameters == ["temperature": "hot"])
        #expect(observation.toolDefinitions == nil)
        #expect(observation.input == .messages([Message(role: .user, parts: [.other(["role": 3])])]))
        #expect(observation.output == .messages([.text(.assistant, "ok")]))
        #expect(observation.level == .warning)
        #expect(observation.statusMessage == "the request's tools are not a list of tool definitions")

        // Messages of the wrong shape inside a list are kept one by one.
        let mixed = Array(#"{"model":"m","messages":[{"role":"user","content":"a"}, 7, {"role":"user","content":{"x":1}}]}"#.utf8)
        let kept = try Self.chat(request: mixed, body: .bytes(Array(#"{"choices":[]}"#.utf8)))
        #expect(
            kept.input
                == .messages([
                    .text(.user, "a"), Message(role: .user, parts: [.other(7)]),
                    Message(role: .user, parts: [.other(["role": "user", "content": ["x": 1]])]),
                ]))
        #expect(kept.level == nil)
    }

    @Test func aResponseWithWrongTypesGivesNoUsageAndNoCrash() throws {
        let body = #"{"id": 5, "model": [], "choices": [{"index": "x", "message": 3, "finish_reason": 9}, "junk"], "usage": {"prompt_tokens": "lots", "completion_tokens": -3}}"#
        let observation = try Self.chat(body: .bytes(Array(body.utf8)))
        #expect(observation.usage == nil)
        #expect(observation.output == nil)
        #expect(observation.model == "gpt-4o")
        #expect(observation.metadata?["responseId"] == nil)
        #expect(observation.level == nil)

        let anthropic = #"{"id": "msg_1", "content": "not blocks", "stop_reason": {}, "usage": {"input_tokens": 1.5, "output_tokens": "7"}}"#
        let (_, message) = try ProxyFixtures.decode(
            ProxyFixtures.exchange(request: Array(#"{"model":"claude","max_tokens":1,"messages":[]}"#.utf8), body: .bytes(Array(anthropic.utf8))))
        #expect(message.output == nil)
        #expect(message.usage == Usage(output: 7))
    }

    @Test func fiftyMegabytesOfGarbageAsASuccessfulBody() throws {
        let observation = try Self.chat(body: .bytes(Self.garbage))
        #expect(observation.level == .warning)
        let message = try #require(observation.statusMessage)
        #expect(message.hasPrefix("the response body is not JSON"))
        #expect(message.utf8.count < 1_000)
        guard case .json(.string(let text))? = observation.output else {
            Issue.record("expected the body as text, got \(String(describing: observation.output))")
            return
        }
        #expect(text.utf8.count < 70_000)
        #expect(text.hasSuffix("… (\(Self.garbage.count) bytes in all)"))
        #expect(observation.usage == nil)
    }

    @Test func fiftyMegabytesOfGarbageAsAnErrorBodyAndARequest() throws {
        let failed = try Self.chat(status: 500, body: .bytes(Self.garbage))
        #expect(failed.level == .error)
        #expect(try #require(failed.statusMessage).utf8.count < 4_200)
        #expect(failed.output == nil)

        let hugeRequest = try Self.chat(request: Self.garbage, body: .bytes(Array(#"{"choices":[]}"#.utf8)))
        guard case .json(.string(let text))? = hugeRequest.input else {
            Issue.record("expected the request as text")
            return
        }
        #expect(text.utf8.count < 70_000)
    }

    @Test func errorMessagesAreBounded() throws {
        let long = String(repeating: "é", count: 10_000)
        let observation = try Self.chat(status: 400, body: .bytes(Array(#"{"error":{"message":"\#(long)"}}"#.utf8)))
        let message = try #require(observation.statusMessage)
        #expect(message.utf8.count < 4_200)
        // Cut at a character boundary: no replacement character from half an "é".
        #expect(!message.contains("\u{FFFD}"))
    }

    @Test func unreadableEventsAreCountedAndSkipped() throws {
        let events = [
            ServerSentEvent(data: "not json"),
            ServerSentEvent(data: #"{"id":"chatcmpl-1","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}"#),
            ServerSentEvent(data: "[1, 2"),
            ServerSentEvent(data: "[DONE]"),
        ]
        let observation = try Self.chat(body: .events(events))
        #expect(observation.output == .messages([.text(.assistant, "ok")]))
        #expect(observation.metadata?["unreadableEvents"] == 2)
        #expect(observation.level == nil)
    }

    @Test func noiseStreamsNeverTrap() throws {
        // A fixed-seed generator, so a failure is repeatable.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let pieces = [
            "data: ", "event: ", "\n", "\r\n", "\r", ":", "{", "}", "[", "]", "\"", ",", "type", "index", "delta",
            "content_block_delta", "message_start", "text_delta", "choices", "tool_calls", "response.output_item.added",
            "output_index", "0", "-1", "99999999999999999999", "null", "\u{FF}", "é",
        ]
        for endpoint in ["/v1/messages", "/v1/chat/completions", "/v1/responses"] {
            for _ in 0..<50 {
                var text = ""
                for _ in 0..<(200 + Int(next() % 300)) { text += pieces[Int(next() % UInt64(pieces.count))] }
                var parser = ServerSentEventParser()
                var events: [ServerSentEvent] = []
                let bytes = Array(text.utf8)
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + 1 + Int(next() % 17))
                    events += parser.feed(bytes[offset..<end])
                    offset = end
                }
                _ = parser.finish()
                let exchange = ProxyFixtures.exchange(
                    route: "fuzz", path: endpoint, request: Array(text.utf8), body: .events(events))
                #expect(ProviderExchangeDecoder.records(for: exchange, id: "x").count == 2)
                let raw = ProxyFixtures.exchange(route: "fuzz", path: endpoint, request: [], body: .bytes(bytes))
                #expect(ProviderExchangeDecoder.records(for: raw, id: "x").count == 2)
            }
        }
    }
}
