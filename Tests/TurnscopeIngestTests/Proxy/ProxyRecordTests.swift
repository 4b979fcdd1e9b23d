import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// What a record of a proxied call says beyond the prompt and the answer: which calls make
/// records at all, the session rule, no secret header, and embeddings.
@Suite struct ProxyRecordTests {
    @Test func onlyModelCallsAreRecorded() {
        #expect(ProviderEndpoint.allCases.filter(\.isRecorded) == [.anthropicMessages, .openAIChatCompletions, .openAIResponses, .openAIEmbeddings])
        for path in ["/v1/messages/count_tokens", "/v1/models", "/v1/analytics/codex/turn-costs"] {
            let exchange = ProxyFixtures.exchange(path: path, request: Array("{}".utf8), body: .bytes(Array(#"{"input_tokens":12}"#.utf8)))
            #expect(ProviderExchangeDecoder.records(for: exchange, id: "x").isEmpty)
        }
    }

    @Test func secretsNeverReachARecordEvenIfTheTransportPassesThem() throws {
        let headers: ProviderHeaders = [
            "Authorization": "Bearer sk-proj-SECRET1", "x-api-key": "sk-ant-SECRET2", "Cookie": "session=SECRET3",
            "X-Custom-Token": "SECRET4", "Host": "127.0.0.1:4318", "Content-Length": "99", "anthropic-version": "2023-06-01",
        ]
        let exchange = ProxyFixtures.exchange(
            headers: headers, request: try ProxyFixtures.bytes("anthropic_request_tooluse.json"),
            responseHeaders: ["set-cookie": "__cf_bm=SECRET5", "request-id": "req_1"],
            body: .events(try ProxyFixtures.events("anthropic_stream_tooluse.sse")))
        let records = ProviderExchangeDecoder.records(for: exchange, id: "x")
        let observation = try #require(records.compactMap { if case .observation(let o) = $0 { o } else { nil } }.first)
        let everything = "\(records)"
        #expect(!everything.contains("SECRET"))
        #expect(observation.metadata?["requestHeaders"] == ["anthropic-version": "2023-06-01"])
        #expect(observation.metadata?["responseHeaders"] == ["request-id": "req_1"])
    }

    // MARK: - Sessions

    static func session(headers: ProviderHeaders = [:], body: String) throws -> String? {
        let exchange = ProxyFixtures.exchange(
            route: "openai", path: "/v1/chat/completions", headers: headers, request: Array(body.utf8),
            body: .bytes(Array("{}".utf8)))
        return try ProxyFixtures.decode(exchange).0.sessionId
    }

    @Test func sessionRuleFirstMatchWins() throws {
        let everything = #"{"model":"m","prompt_cache_key":"cache-key","metadata":{"user_id":"anthropic-user"},"user":"openai-user","messages":[]}"#
        let both: ProviderHeaders = ["X-Turnscope-Session": "mine", "X-Claude-Code-Session-Id": "claude"]
        #expect(try Self.session(headers: both, body: everything) == "mine")
        #expect(try Self.session(headers: ["x-claude-code-session-id": "claude"], body: everything) == "claude")
        #expect(try Self.session(headers: ["X-Turnscope-Session": "  "], body: everything) == "cache-key")
        #expect(try Self.session(body: #"{"metadata":{"user_id":"anthropic-user"},"user":"openai-user"}"#) == "anthropic-user")
        #expect(try Self.session(body: #"{"user":"openai-user"}"#) == "openai-user")
        #expect(try Self.session(body: #"{"model":"m"}"#) == nil)
        #expect(try Self.session(body: "not json") == nil)
        #expect(try Self.session(body: #"{"user": 5, "prompt_cache_key": ""}"#) == nil)
    }

    @Test func claudeCodesUserIdNamesItsSession() throws {
        // Claude Code 2.1.337 sends a JSON text; older versions `user_<hash>_account_<uuid>_session_<uuid>`.
        let json = #"{"metadata":{"user_id":"{\"device_id\":\"cdbd\",\"account_uuid\":\"\",\"session_id\":\"08edd4c2-1759-4bfb-bbea-be6c6b23591f\"}"}}"#
        #expect(try Self.session(body: json) == "08edd4c2-1759-4bfb-bbea-be6c6b23591f")
        let legacy = #"{"metadata":{"user_id":"user_ab12_account_3f2e_session_6f1c2a9e-3b7d-4e2a-9c51-0d8e4f7a2b13"}}"#
        #expect(try Self.session(body: legacy) == "6f1c2a9e-3b7d-4e2a-9c51-0d8e4f7a2b13")
    }

    // MARK: - Embeddings

    @Test func embeddingsRecordModelInputCountAndUsage() throws {
        let request = #"{"model":"text-embedding-3-small","input":["a","b","c"],"dimensions":3}"#
        let response = #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2,0.3]},{"object":"embedding","index":1,"embedding":[0.4,0.5,0.6]},{"object":"embedding","index":2,"embedding":[0.7,0.8,0.9]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}"#
        let (trace, observation) = try ProxyFixtures.decode(
            ProxyFixtures.exchange(route: "openai", path: "/v1/embeddings", request: Array(request.utf8), body: .bytes(Array(response.utf8))))
        #expect(trace.name == "openai/embeddings")
        #expect(observation.kind == .embedding)
        #expect(observation.model == "text-embedding-3-small")
        #expect(observation.input == .json(["a", "b", "c"]))
        #expect(observation.modelParameters == ["dimensions": 3])
        #expect(observation.output == nil)
        #expect(observation.usage == Usage(input: 8, total: 8))
        #expect(observation.metadata?["inputCount"] == 3)
        #expect(observation.metadata?["embeddingCount"] == 3)
        #expect(observation.metadata?["dimensions"] == 3)
        #expect(observation.level == nil)

        let tokens = try ProxyFixtures.decode(
            ProxyFixtures.exchange(
                route: "openai", path: "/v1/embeddings", request: Array(#"{"model":"m","input":[1,2,3]}"#.utf8),
                body: .bytes(Array(response.utf8)))
        ).1
        #expect(tokens.metadata?["inputCount"] == 1)
    }

    /// The OpenAI SDKs ask for base64 vectors by default: 4 bytes (a float32) a dimension.
    @Test func base64EmbeddingsStillSayHowLongEachVectorIs() throws {
        let request = #"{"model":"text-embedding-3-small","input":["a","b"],"encoding_format":"base64"}"#
        // [0.25, 0.5, 0.75, 1.0] and 3 floats ("AACAPgAAAD8AAEA/"), as float32 little-endian.
        let response = #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPgAAAD8AAEA/AACAPw=="},{"object":"embedding","index":1,"embedding":"AACAPgAAAD8AAEA/AACAPw=="}],"model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}}"#
        let observation = try ProxyFixtures.decode(
            ProxyFixtures.exchange(route: "openai", path: "/v1/embeddings", request: Array(request.utf8), body: .bytes(Array(response.utf8)))
        ).1
        #expect(observation.metadata?["embeddingCount"] == 2)
        #expect(observation.metadata?["dimensions"] == 4)
        #expect(observation.level == nil)
        // (JSONValue is nil-literal expressible: `.none` spells "no dimensions at all", not JSON null.)
        let cases: [(String, JSONValue?)] = [("AACAPgAAAD8AAEA/", .integer(3)), ("AACAPgAAAD8AAEA", .none), ("", .none)]
        for (vector, dimensions) in cases {
            let body = #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":"\#(vector)"}],"model":"m"}"#
            let decoded = try ProxyFixtures.decode(
                ProxyFixtures.exchange(route: "openai", path: "/v1/embeddings", request: Array(request.utf8), body: .bytes(Array(body.utf8)))
            ).1
            #expect(decoded.metadata?["dimensions"] == dimensions, "\(vector)")
        }
    }
}
