import TurnscopeModel

/// OpenAI Embeddings answers: `{object: "list", data: [{index, embedding}], model, usage}`.
///
/// The vectors themselves are not kept: they are large, and no one reads a trace for them. The
/// record says how many came back and how long each is.
enum EmbeddingsReply {
    static func reply(fromBody json: JSONValue) -> ProviderReply {
        var reply = ProviderReply()
        reply.isFinished = true
        reply.error = ProviderError(json: json)
        reply.model = json["model"]?.stringValue
        if let data = json["data"]?.arrayValue {
            reply.details["embeddingCount"] = .integer(Int64(data.count))
            // Base64-encoded vectors (`encoding_format: base64`) have no length to read.
            if let dimensions = data.first?["embedding"]?.arrayValue?.count {
                reply.details["dimensions"] = .integer(Int64(dimensions))
            }
        }
        // `{prompt_tokens, total_tokens}`: the Chat shape, with no output.
        if let usage = json["usage"]?.objectValue { reply.usage = ChatCompletionReply.usage(usage) }
        return reply
    }
}
