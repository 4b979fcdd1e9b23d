import TurnscopeModel

/// OpenAI Responses answers (FORMATS.md §1.2): a `response` object, whole in a non-streamed
/// body and in a stream's closing event.
enum ResponsesReply {
    /// The reply in a `response` object: `{id, model, status, incomplete_details, error,
    /// output[], usage}`.
    static func reply(fromResponse json: JSONValue) -> ProviderReply {
        var reply = ProviderReply()
        reply.isFinished = true
        read(json, into: &reply)
        return reply
    }

    /// Lays what a `response` object says over `reply`: what it names wins, what it leaves out
    /// (an empty `output`, a null `usage`) keeps the value assembled so far.
    static func read(_ json: JSONValue, into reply: inout ProviderReply) {
        if let id = json["id"]?.stringValue { reply.responseId = id }
        if let model = json["model"]?.stringValue { reply.model = model }
        if let status = json["status"]?.stringValue, status != "in_progress", status != "queued" {
            reply.finishReason = json["incomplete_details"]?["reason"]?.stringValue ?? status
        }
        if let error = json["error"], error != .null {
            reply.error = ProviderError(json: ["error": error]) ?? reply.error
        }
        if let items = json["output"]?.arrayValue, !items.isEmpty { reply.messages = messages(items) }
        if let usage = json["usage"]?.objectValue {
            let counts = UsageNormalizer.openAIResponses(usage)
            if !counts.isEmpty { reply.usage = counts }
        }
    }

    /// The output items (`message`, `reasoning`, `function_call`, built-in tool calls) as one
    /// assistant message, in order.
    static func messages(_ items: [JSONValue]) -> [Message] {
        ProviderMessages.merged(items.map(ProviderMessages.message))
    }
}
