import TurnscopeModel

/// What the response of a call holds, read for its endpoint: the reply, whether it was a
/// stream, and what could not be read.
struct ProviderResponse: Sendable {
    /// The reply; nil when no response arrived or it was an HTTP error.
    var reply: ProviderReply?
    /// The provider's error for an HTTP error status.
    var httpError: ProviderError?
    /// Whether the answer came as an event stream.
    var isStream = false
    /// Whether the event stream's bytes stopped inside an event.
    var streamWasCut = false
    /// Why the body could not be read, in words for the record.
    var problem: String?
    /// An unreadable body, kept as (bounded) text so the record still shows what came.
    var unreadableText: String?

    init(_ exchange: ProviderExchange) {
        if case .failedBeforeResponse = exchange.outcome { return }
        if let status = exchange.status, status >= 400 {
            readError(status: status, body: exchange.responseBody, endpoint: exchange.endpoint)
            return
        }
        switch exchange.responseBody {
        case .events(let events):
            readStream(events, endpoint: exchange.endpoint)
        case .bytes(let bytes):
            if Self.isEventStream(bytes, contentType: exchange.responseHeaders["content-type"]) {
                var parser = ServerSentEventParser()
                let events = parser.feed(bytes)
                streamWasCut = parser.finish().isCutShort
                readStream(events, endpoint: exchange.endpoint)
            } else {
                readBody(bytes, endpoint: exchange.endpoint)
            }
        }
    }

    private mutating func readError(status: Int, body: ProviderResponseBody, endpoint: ProviderEndpoint) {
        switch body {
        case .bytes(let bytes):
            httpError = ProviderError(status: status, body: bytes)
        case .events(let events):
            // No provider streams an error status, but a proxy in between might.
            httpError = events.lazy.compactMap { (try? JSONText.parse($0.data)).flatMap(ProviderError.init(json:)) }.first
                ?? ProviderError(message: "HTTP \(status) with an event stream")
        }
    }

    private mutating func readStream(_ events: [ServerSentEvent], endpoint: ProviderEndpoint) {
        isStream = true
        switch endpoint {
        case .anthropicMessages: reply = AnthropicStreamAssembler.reply(of: events)
        case .openAIChatCompletions: reply = ChatCompletionStreamAssembler.reply(of: events)
        case .openAIResponses: reply = ResponsesStreamAssembler.reply(of: events)
        case .openAIEmbeddings, .anthropicCountTokens, .other:
            problem = "the response is an event stream, which this endpoint does not send"
            var reply = ProviderReply()
            reply.eventCount = events.count
            self.reply = reply
        }
    }

    private mutating func readBody(_ bytes: [UInt8], endpoint: ProviderEndpoint) {
        guard !bytes.isEmpty else {
            problem = "the response had no body"
            return
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            problem = "the response body is not JSON (\(error)); it is kept as text"
            unreadableText = BoundedText.text(bytes, limit: BoundedText.bodyLimit)
            return
        }
        guard case .object = json else {
            problem = "the response body is \(json.typeName), not a JSON object"
            unreadableText = BoundedText.text(bytes, limit: BoundedText.bodyLimit)
            return
        }
        switch endpoint {
        case .anthropicMessages: reply = AnthropicReply.reply(fromBody: json)
        case .openAIChatCompletions: reply = ChatCompletionReply.reply(fromBody: json)
        case .openAIResponses: reply = ResponsesReply.reply(fromResponse: json)
        case .openAIEmbeddings: reply = EmbeddingsReply.reply(fromBody: json)
        case .anthropicCountTokens, .other: break
        }
    }

    /// Whether a body is an event stream: its `Content-Type` says so, or it starts like one (a
    /// transport that kept the bytes whole, or an upstream that labels its stream wrongly).
    private static func isEventStream(_ bytes: [UInt8], contentType: String?) -> Bool {
        if let contentType, contentType.lowercased().contains("text/event-stream") { return true }
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return false
        }
        let start = bytes[first...].prefix(6)
        return start.starts(with: Array("data:".utf8)) || start.starts(with: Array("event:".utf8))
            || start.first == UInt8(ascii: ":")
    }
}
