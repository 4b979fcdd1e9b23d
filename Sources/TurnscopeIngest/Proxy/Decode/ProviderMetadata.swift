import TurnscopeModel

/// The metadata of a proxied call: where it went, what the provider said about its answer, and
/// the headers that are safe to keep.
///
/// | key | value |
/// |---|---|
/// | `route`, `endpoint`, `path` | the route, the endpoint's name, the path and query under the route |
/// | `httpStatus` | the response status |
/// | `stream` | whether the answer came as an event stream; `eventCount` how many events |
/// | `responseId` | the provider's id: `msg_…`, `chatcmpl-…`, `resp_…` |
/// | `finishReason` | `stop_reason`, `finish_reason`, or a Responses status or incomplete reason |
/// | `requestId` | the response's `request-id` (Anthropic) or `x-request-id` (OpenAI) header |
/// | `requestedModel` | the model the request named, when the answer named another |
/// | `errorType`, `errorCode`, `retryAfter` | a failed call's error and `retry-after` header |
/// | `cutShort` | why the response stopped early: `upstreamClosed`, `clientDisconnected`, `timedOut`, `recordingLimit` |
/// | `requestProblem`, `responseProblem`, `unreadableEvents` | what could not be read |
/// | `inputCount`, `embeddingCount`, `dimensions`, `stopSequence` | endpoint particulars |
/// | `requestHeaders`, `responseHeaders` | the headers, names lowercased, without any secret (`ProviderExchange.isSecretHeader`) or connection-level one |
enum ProviderMetadata {
    static func metadata(
        of exchange: ProviderExchange, request: ProviderRequest, response: ProviderResponse,
        cutShort: ProviderCutShortReason?
    ) -> JSONValue {
        var object: [String: JSONValue] = [
            "route": .string(exchange.route), "endpoint": .string(exchange.endpoint.rawValue),
            "path": .string(exchange.query.map { "\(exchange.path)?\($0)" } ?? exchange.path),
        ]
        if let status = exchange.status { object["httpStatus"] = .integer(Int64(status)) }
        if exchange.status != nil || response.reply != nil { object["stream"] = .bool(response.isStream) }
        let reply = response.reply
        if let reply, response.isStream { object["eventCount"] = .integer(Int64(reply.eventCount)) }
        if let reply, reply.unreadableEvents > 0 { object["unreadableEvents"] = .integer(Int64(reply.unreadableEvents)) }
        if let id = reply?.responseId { object["responseId"] = .string(id) }
        if let reason = reply?.finishReason { object["finishReason"] = .string(reason) }
        if let requestId = exchange.responseHeaders["request-id"] ?? exchange.responseHeaders["x-request-id"] {
            object["requestId"] = .string(requestId)
        }
        if let requested = request.model, let answered = reply?.model, requested != answered {
            object["requestedModel"] = .string(requested)
        }
        if let error = response.httpError ?? reply?.error {
            if let type = error.type { object["errorType"] = .string(type) }
            if let code = error.code { object["errorCode"] = .string(code) }
        }
        if let retryAfter = exchange.responseHeaders["retry-after"] { object["retryAfter"] = .string(retryAfter) }
        if let cutShort { object["cutShort"] = .string(cutShort.rawValue) }
        if let problem = request.problem { object["requestProblem"] = .string(problem) }
        if let problem = response.problem { object["responseProblem"] = .string(problem) }
        for (key, value) in request.details { object[key] = value }
        for (key, value) in reply?.details ?? [:] { object[key] = value }
        if let headers = kept(exchange.requestHeaders) { object["requestHeaders"] = headers }
        if let headers = kept(exchange.responseHeaders) { object["responseHeaders"] = headers }
        return .object(object)
    }

    /// Headers about the connection rather than the call: they say nothing a reader needs.
    private static let connectionHeaders: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host",
        "content-length",
    ]

    /// The headers worth keeping, by lowercased name (repeated ones joined by commas, as HTTP
    /// allows); nil when none is.
    private static func kept(_ headers: ProviderHeaders) -> JSONValue? {
        var object: [String: JSONValue] = [:]
        for (name, value) in headers.fields {
            let name = name.lowercased()
            guard !ProviderExchange.isSecretHeader(name), !connectionHeaders.contains(name) else { continue }
            let value = BoundedText.text(value, limit: BoundedText.statusLimit)
            object[name] = .string(object[name]?.stringValue.map { "\($0), \(value)" } ?? value)
        }
        return object.isEmpty ? nil : .object(object)
    }
}
