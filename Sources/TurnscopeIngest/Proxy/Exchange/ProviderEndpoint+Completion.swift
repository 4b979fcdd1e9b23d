import TurnscopeModel

extension ProviderEndpoint {
    /// Whether a stream event carries the first generated content of the answer, so that the
    /// transport can note the time to first token (`ProviderTimings.firstToken`) as events pass.
    ///
    /// The events before it (Anthropic's `message_start`, a Responses `response.created`, an
    /// OpenAI chunk with only the role) come before the model has produced anything. The check
    /// reads event names, and parses an OpenAI Chat chunk only until the first content arrives.
    public func startsCompletion(_ event: ServerSentEvent) -> Bool {
        switch self {
        case .anthropicMessages:
            return event.type == "content_block_start" || event.type == "content_block_delta"
        case .openAIResponses:
            return event.type.hasSuffix(".delta") || event.type == "response.output_item.added"
        case .openAIChatCompletions:
            guard event.data.contains("\"delta\""), let chunk = try? JSONText.parse(event.data) else { return false }
            for choice in chunk["choices"]?.arrayValue ?? [] {
                guard let delta = choice["delta"] else { continue }
                for key in ["content", "reasoning_content", "reasoning", "refusal"] {
                    if let text = delta[key]?.stringValue, !text.isEmpty { return true }
                }
                if let calls = delta["tool_calls"]?.arrayValue, !calls.isEmpty { return true }
            }
            return false
        case .openAIEmbeddings, .anthropicCountTokens, .other:
            return false
        }
    }
}
