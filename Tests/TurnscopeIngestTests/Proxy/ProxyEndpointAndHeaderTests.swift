import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// Which API a path calls, which events start the answer, and which headers are secrets.
@Suite struct ProxyEndpointAndHeaderTests {
    @Test(arguments: [
        ("POST", "/v1/messages", ProviderEndpoint.anthropicMessages),
        ("POST", "/v1/messages?beta=true", .anthropicMessages),
        ("post", "/v1/messages/", .anthropicMessages),
        ("POST", "/v1/v1/messages", .anthropicMessages),  // ANTHROPIC_BASE_URL ending in /v1
        ("POST", "/messages", .anthropicMessages),
        ("GET", "/v1/messages", .other),
        ("POST", "/v1/messages/count_tokens", .anthropicCountTokens),
        ("POST", "/v1/messages/count_tokens?beta=true", .anthropicCountTokens),
        ("POST", "/v1/messages/batches", .other),
        ("POST", "/v1/threads/thread_1/messages", .other),  // OpenAI Assistants, not Anthropic
        ("POST", "/v1/chat/completions", .openAIChatCompletions),
        ("POST", "/chat/completions", .openAIChatCompletions),
        ("POST", "/api/v1/chat/completions", .openAIChatCompletions),  // OpenRouter
        ("POST", "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", .openAIChatCompletions),  // Azure
        ("POST", "/v1/responses", .openAIResponses),
        ("POST", "/responses", .openAIResponses),
        ("POST", "/v1/responses/compact", .other),
        ("GET", "/v1/responses/resp_123", .other),
        ("POST", "/v1/embeddings", .openAIEmbeddings),
        ("POST", "/api/embeddings", .openAIEmbeddings),
        ("GET", "/v1/models", .other),
        ("POST", "/v1/analytics/codex/turn-costs", .other),
        ("POST", "/", .other),
    ])
    func endpointIsToldByMethodAndPathEnding(method: String, path: String, endpoint: ProviderEndpoint) {
        #expect(ProviderEndpoint(method: method, path: path) == endpoint)
    }

    @Test func firstTokenEvents() throws {
        func firstIndex(_ name: String, _ endpoint: ProviderEndpoint) throws -> Int? {
            try ProxyFixtures.events(name).firstIndex(where: endpoint.startsCompletion)
        }
        #expect(try firstIndex("anthropic_stream_tooluse.sse", .anthropicMessages) == 1)
        #expect(try firstIndex("anthropic_stream_error.sse", .anthropicMessages) == nil)
        // The first chunk holds only the role and an empty content.
        #expect(try firstIndex("openai_stream_text.sse", .openAIChatCompletions) == 1)
        #expect(try firstIndex("openai_stream_toolcall.sse", .openAIChatCompletions) == 0)
        #expect(try firstIndex("openai_responses_stream_text.sse", .openAIResponses) == 2)
        #expect(try firstIndex("openai_stream_text.sse", .openAIEmbeddings) == nil)
    }

    // MARK: - Secrets

    @Test(arguments: [
        "Authorization", "proxy-authorization", "X-Api-Key", "api-key", "Cookie", "Set-Cookie", "x-goog-api-key",
        "OpenAI-Token", "x-amz-security-token", "X-Client-Secret", "x-auth-user", "anthropic-authtoken", "apikey",
        "x-password", "x-credentials",
    ])
    func secretHeaders(name: String) {
        #expect(ProviderExchange.isSecretHeader(name))
    }

    @Test(arguments: [
        "content-type", "anthropic-version", "anthropic-beta", "user-agent", "x-claude-code-session-id",
        "x-turnscope-session", "openai-organization", "request-id", "retry-after", "x-stainless-retry-count",
    ])
    func ordinaryHeaders(name: String) {
        #expect(!ProviderExchange.isSecretHeader(name))
    }

    @Test func headersLookUpWithoutRegardToCase() {
        var headers: ProviderHeaders = ["Content-Type": "application/json"]
        headers.append(name: "Retry-After", value: "5")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["RETRY-AFTER"] == "5")
        #expect(headers["missing"] == nil)
        #expect(headers.fields.map(\.name) == ["Content-Type", "Retry-After"])
    }
}
