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
            if let dimensions = data.first?["embedding"].flatMap(Self.dimensions) {
                reply.details["dimensions"] = .integer(Int64(dimensions))
            }
        }
        // `{prompt_tokens, total_tokens}`: the Chat shape, with no output.
        if let usage = json["usage"]?.objectValue { reply.usage = ChatCompletionReply.usage(usage) }
        return reply
    }

    /// How long a vector is: a list of numbers, or (`encoding_format: base64`, which the OpenAI
    /// SDKs ask for by default) base64 of little-endian float32s, 4 bytes a dimension.
    static func dimensions(_ embedding: JSONValue) -> Int? {
        if let list = embedding.arrayValue { return list.count }
        guard let text = embedding.stringValue, !text.isEmpty, text.utf8.count % 4 == 0 else { return nil }
        let padding = text.utf8.reversed().prefix(2).prefix { $0 == UInt8(ascii: "=") }.count
        let bytes = text.utf8.count / 4 * 3 - padding
        return bytes % 4 == 0 ? bytes / 4 : nil
    }
}
