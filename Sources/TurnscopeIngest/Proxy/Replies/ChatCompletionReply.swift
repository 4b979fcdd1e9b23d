import TurnscopeModel

/// OpenAI Chat Completions answers (FORMATS.md §1.1): a whole `chat.completion` body.
enum ChatCompletionReply {
    /// The reply in a non-streamed body: `{id, model, choices[{index, message, finish_reason}],
    /// usage}`; one assistant message per choice.
    static func reply(fromBody json: JSONValue) -> ProviderReply {
        var reply = ProviderReply()
        reply.isFinished = true
        reply.error = ProviderError(json: json)
        reply.responseId = json["id"]?.stringValue
        reply.model = json["model"]?.stringValue
        let choices = (json["choices"]?.arrayValue ?? []).sorted { ($0["index"]?.integerValue ?? 0) < ($1["index"]?.integerValue ?? 0) }
        for choice in choices {
            if let message = choice["message"], case .object = message { reply.messages.append(ProviderMessages.message(message)) }
            if reply.finishReason == nil { reply.finishReason = choice["finish_reason"]?.stringValue }
        }
        if let usage = json["usage"]?.objectValue { reply.usage = Self.usage(usage) }
        return reply
    }

    /// Usage read as OpenAI Chat's: `prompt_tokens` includes the cached tokens.
    static func usage(_ object: [String: JSONValue]) -> Usage? {
        let usage = UsageNormalizer.openAIChat(object)
        return usage.isEmpty ? nil : usage
    }
}
