import TurnscopeModel

/// Anthropic Messages answers (FORMATS.md §2): a whole `message` body, and the pieces its
/// stream and body share.
enum AnthropicReply {
    /// The reply in a non-streamed body: `{id, model, content[], stop_reason, usage}`.
    static func reply(fromBody json: JSONValue) -> ProviderReply {
        var reply = ProviderReply()
        reply.isFinished = true
        if let error = ProviderError(json: json) { reply.error = error }
        reply.responseId = json["id"]?.stringValue
        reply.model = json["model"]?.stringValue
        reply.finishReason = json["stop_reason"]?.stringValue
        if let blocks = json["content"]?.arrayValue { reply.messages = [message(blocks)] }
        if let usage = json["usage"]?.objectValue { reply.usage = Self.usage(usage) }
        if let stopSequence = json["stop_sequence"]?.stringValue { reply.details["stopSequence"] = .string(stopSequence) }
        return reply
    }

    /// The assistant message of content blocks (`text`, `thinking`, `tool_use`, …).
    static func message(_ blocks: [JSONValue]) -> Message {
        ProviderMessages.message(["role": "assistant", "content": .array(blocks)])
    }

    /// Usage read as Anthropic's, whatever keys it has: `input_tokens` never includes the cache.
    static func usage(_ object: [String: JSONValue]) -> Usage? {
        let usage = UsageNormalizer.anthropic(object)
        return usage.isEmpty ? nil : usage
    }
}
