import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// The requests Claude Code 2.1.337 and Codex 0.163.0 really sent (Fixtures/agents/provider.jsonl,
/// from shared/reference/agents/captured), answered the way the capture's fake provider answered:
/// Anthropic usage input 25, cache read 12,000, cache write 800, output 40; OpenAI input 9,000 of
/// which 8,192 cached, output 60 of which 20 reasoning.
@Suite struct ProxyCapturedAgentTests {
    struct Captured {
        var method: String
        var path: String
        var query: String?
        var headers: ProviderHeaders
        var body: JSONValue
    }

    static func captured() throws -> [Captured] {
        let url = try #require(Bundle.module.url(forResource: "provider", withExtension: "jsonl", subdirectory: "Fixtures/agents"))
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        return try text.split(separator: "\n").map { line in
            let json = try JSONText.parse(String(line))
            let target = try #require(json["path"]?.stringValue)
            let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
            var headers = ProviderHeaders()
            for (name, value) in try #require(json["headers"]?.objectValue).sorted(by: { $0.key < $1.key }) {
                headers.append(name: name, value: value.stringValue ?? "")
            }
            return Captured(
                method: try #require(json["method"]?.stringValue), path: parts[0], query: parts.count > 1 ? parts[1] : nil,
                headers: headers, body: try #require(json["body"]))
        }
    }

    static func exchange(_ captured: Captured, route: String, response: ProviderResponseBody) -> ProviderExchange {
        ProviderExchange(
            route: route, method: captured.method, path: captured.path, query: captured.query,
            requestHeaders: captured.headers, requestBody: Array(JSONText.data(captured.body)), status: 200,
            responseHeaders: ["content-type": "text/event-stream"], responseBody: response, timings: ProxyFixtures.timings)
    }

    static let anthropicAnswer: [ServerSentEvent] = [
        ("message_start", #"{"type":"message_start","message":{"id":"msg_fake000001","type":"message","role":"assistant","model":"claude-opus-5-5","content":[],"stop_reason":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":800,"cache_read_input_tokens":12000,"output_tokens":1}}}"#),
        ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check."}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        ("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_fake000002","name":"Bash","input":{}}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"command\": \"echo marker-30669\", \"description\": \"Echo a marker\"}"}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":25,"cache_creation_input_tokens":800,"cache_read_input_tokens":12000,"output_tokens":40}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
    ].map { ServerSentEvent(type: $0.0, data: $0.1) }

    @Test func claudeCodeRequestWithItsSystemPromptToolsAndMessages() throws {
        let requests = try Self.captured()
        let captured = requests[0]
        let (trace, observation) = try ProxyFixtures.decode(
            Self.exchange(captured, route: "anthropic", response: .events(Self.anthropicAnswer)))
        #expect(trace.name == "anthropic/messages")
        #expect(trace.sessionId == "08edd4c2-1759-4bfb-bbea-be6c6b23591f")
        #expect(observation.kind == .generation)
        #expect(observation.model == "claude-opus-5-5")

        let tools = try #require(observation.toolDefinitions)
        #expect(
            tools.map(\.name) == [
                "Agent", "Bash", "Edit", "ListAgents", "Read", "ReportFindings", "ScheduleWakeup", "Skill", "ToolSearch",
                "Workflow", "DeferredToolPlaceholder", "Write",
            ])
        let bash = try #require(tools.first { $0.name == "Bash" })
        #expect(bash.description?.hasPrefix("Executes a bash command") == true)
        #expect(bash.parameters?["properties"]?["command"] != nil)

        // The system blocks as sent (the billing header too: this is the wire), then the messages.
        let messages = try #require(observation.input?.messages)
        let systemBlocks = try #require(captured.body["system"]?.arrayValue).compactMap { $0["text"]?.stringValue }
        #expect(messages[0] == Message(role: .system, parts: systemBlocks.map { .text($0) }))
        #expect(systemBlocks.count == 3)
        #expect(messages.count == 1 + (captured.body["messages"]?.arrayValue?.count ?? 0))
        #expect(messages[1].role == .user)
        #expect(messages[2].role == .system)
        #expect(messages.flatMap(\.parts).allSatisfy { if case .other = $0 { false } else { true } })

        let parameters = try #require(observation.modelParameters)
        #expect(Set(parameters.keys) == ["metadata", "max_tokens", "thinking", "context_management", "output_config", "stream"])
        #expect(parameters["max_tokens"] == 128_000)
        #expect(parameters["thinking"] == ["type": "adaptive", "display": "omitted"])

        #expect(
            try ProxyFixtures.outputParts(observation) == [
                .text("Let me check."),
                .toolCall(ToolCall(id: "toolu_fake000002", name: "Bash", arguments: ["command": "echo marker-30669", "description": "Echo a marker"])),
            ])
        #expect(observation.usage == Usage(input: 25, output: 40, cacheRead: 12_000, cacheWrite5m: 800))
        let metadata = try #require(observation.metadata)
        #expect(metadata["path"] == "/v1/messages?beta=true")
        #expect(metadata["responseId"] == "msg_fake000001")
        #expect(metadata["finishReason"] == "tool_use")
        #expect(metadata["requestHeaders"]?["x-claude-code-session-id"] == "08edd4c2-1759-4bfb-bbea-be6c6b23591f")
        #expect(metadata["requestHeaders"]?["anthropic-beta"]?.stringValue?.hasPrefix("claude-code-20250219") == true)
        #expect(metadata["requestHeaders"]?["host"] == nil)
        #expect(metadata["requestHeaders"]?["content-length"] == nil)
        #expect(observation.level == nil)
    }

    @Test func anAgentsCallsMarkItsSessionAsTheAgents() throws {
        let requests = try Self.captured()
        let answer = ProviderResponseBody.events(Self.anthropicAnswer)
        #expect(ProxyFixtures.sessionSource(Self.exchange(requests[0], route: "anthropic", response: answer)) == "claude-code")
        #expect(ProxyFixtures.sessionSource(Self.exchange(requests[3], route: "openai", response: answer)) == "codex")
        // The same body from another client names a session but no agent.
        var plain = requests[3]
        plain.headers = ["content-type": "application/json", "user-agent": "OpenAI/Python 2.54.0"]
        let exchange = Self.exchange(plain, route: "openai", response: answer)
        #expect(try ProxyFixtures.decode(exchange).0.sessionId == "01a24dcf-261c-70b2-9620-cddfdaad4ba6")
        #expect(ProxyFixtures.sessionSource(exchange) == nil)
    }

    @Test func claudeCodeFollowUpCarriesTheToolResult() throws {
        let captured = try Self.captured()[1]
        let (_, observation) = try ProxyFixtures.decode(
            Self.exchange(captured, route: "anthropic", response: .events(Self.anthropicAnswer)))
        let messages = try #require(observation.input?.messages)
        #expect(messages.count == 5)
        #expect(messages.last == Message(role: .tool, parts: [.toolResult(ToolResult(callId: "toolu_fake000002", content: "marker-30669"))]))
        #expect(observation.toolDefinitions?.count == 12)
    }

    @Test func codexRequestsToTheResponsesAPI() throws {
        let requests = try Self.captured()
        #expect(ProviderEndpoint(method: requests[2].method, path: requests[2].path) == .other)  // Codex's analytics
        let answer: [ServerSentEvent] = [
            ServerSentEvent(
                type: "response.completed",
                data: #"{"type":"response.completed","response":{"id":"resp_fake000004","model":"gpt-5.1-codex","status":"completed","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"done"}]}],"usage":{"input_tokens":9000,"input_tokens_details":{"cached_tokens":8192},"output_tokens":60,"output_tokens_details":{"reasoning_tokens":20},"total_tokens":9060}}}"#)
        ]
        for (index, expectedItems) in [(3, 4), (4, 6)] {
            let captured = requests[index]
            let (trace, observation) = try ProxyFixtures.decode(Self.exchange(captured, route: "openai", response: .events(answer)))
            #expect(trace.name == "openai/responses")
            // Codex sends its conversation id as the prompt cache key.
            #expect(trace.sessionId == "01a24dcf-261c-70b2-9620-cddfdaad4ba6")
            let tools = try #require(observation.toolDefinitions)
            #expect(tools.count == 9)
            #expect(tools.first?.name == "exec_command")
            #expect(tools.last?.name == "web_search")
            let messages = try #require(observation.input?.messages)
            #expect(messages.count == expectedItems)
            #expect(messages.prefix(2).allSatisfy { $0.role == .developer })
            #expect(messages.flatMap(\.parts).allSatisfy { if case .other = $0 { false } else { true } })
            let parameters = try #require(observation.modelParameters)
            #expect(parameters["input"] == nil)
            #expect(parameters["tools"] == nil)
            #expect(parameters["reasoning"] == ["summary": "auto"])
            #expect(parameters["prompt_cache_key"] == "01a24dcf-261c-70b2-9620-cddfdaad4ba6")
            #expect(observation.usage == Usage(input: 808, output: 60, cacheRead: 8192, reasoning: 20, total: 9060))
            #expect(try ProxyFixtures.outputParts(observation) == [.text("done")])
        }
        let followUp = try ProxyFixtures.decode(Self.exchange(requests[4], route: "openai", response: .events(answer))).1
        let parts = try #require(followUp.input?.messages).suffix(2).flatMap(\.parts)
        #expect(
            parts.first
                == .toolCall(ToolCall(id: "call_resp_fake000004", name: "exec_command", arguments: ["cmd": "echo marker-6479"])))
        guard case .toolResult(let result)? = parts.last else {
            Issue.record("expected the command's output")
            return
        }
        #expect(result.callId == "call_resp_fake000004")
        #expect(result.content.hasSuffix("marker-6479\n"))
    }
}
