import TurnscopeModel

/// Turns one call through the proxy into records: a trace and one observation holding the
/// exact request and response (FORMATS.md §1 and §2).
///
/// | endpoint | observation | input | output |
/// |---|---|---|---|
/// | Anthropic Messages | generation | `system`, then `messages` | the content blocks: text, thinking, tool calls |
/// | OpenAI Chat Completions | generation | `messages` | one message per choice: text, reasoning, tool calls |
/// | OpenAI Responses | generation | `instructions`, then `input` items | the output items as one message |
/// | OpenAI Embeddings | embedding | `input` as JSON | none; the count and dimensions are in the metadata |
///
/// Other endpoints (`count_tokens`, model lists, …) give no records. A call from a coding agent
/// (`ProviderAgent`) also marks its session as the agent's.
///
/// A call that failed (HTTP status 400 or more, or no response at all) is an `ERROR` with the
/// provider's message and no output or usage; a stream that reported an error is an `ERROR`
/// that keeps what arrived; a response cut short, or a body that could not be read, is a
/// `WARNING` that keeps what arrived and says what happened. Decoding is pure and never fails.
public enum ProviderExchangeDecoder {
    /// The records of one call; `id` is the proxy's unique id for it. The trace and the
    /// observation are both `proxy:<id>`.
    public static func records(for exchange: ProviderExchange, id: String) -> [Record] {
        guard exchange.endpoint.isRecorded else { return [] }
        let recordId = "proxy:\(id)"
        let name = "\(exchange.route)/\(exchange.endpoint.rawValue)"
        let request = ProviderRequest(body: exchange.requestBody, endpoint: exchange.endpoint)
        let response = ProviderResponse(exchange)
        let status = ProviderCallStatus(exchange, request: request, response: response)
        let reply = status.keepsReply ? response.reply : nil

        let session = ProviderSession.id(headers: exchange.requestHeaders, body: request.body)
        let trace = TraceRecord(
            id: recordId, name: name, sessionId: session,
            timestamp: exchange.timings.start, tags: ["proxy"],
            metadata: ["route": .string(exchange.route), "endpoint": .string(exchange.endpoint.rawValue)])

        var observation = ObservationRecord(
            id: recordId, traceId: recordId, kind: exchange.endpoint.observationKind, name: name,
            startTime: exchange.timings.start, endTime: exchange.timings.end,
            model: response.reply?.model ?? request.model, modelParameters: request.parameters, input: request.input,
            metadata: ProviderMetadata.metadata(
                of: exchange, request: request, response: response, cutShort: status.cutShort),
            level: status.level, statusMessage: status.message, toolDefinitions: request.toolDefinitions)
        if let reply {
            if !reply.messages.isEmpty { observation.output = .messages(reply.messages) }
            observation.usage = reply.usage
            // The first token is the transport's to time; without it, a stream's first byte is
            // close enough. A reply with no content had no first token.
            if reply.messages.contains(where: { !$0.parts.isEmpty }) {
                observation.completionStartTime =
                    exchange.timings.firstToken ?? (response.isStream ? exchange.timings.firstByte : nil)
            }
        } else if status.keepsReply, let text = response.unreadableText {
            observation.output = .json(.string(text))
        }
        guard let session, let agent = ProviderAgent.source(headers: exchange.requestHeaders) else {
            return [.trace(trace), .observation(observation)]
        }
        return [.session(SessionRecord(id: session, source: agent)), .trace(trace), .observation(observation)]
    }
}
