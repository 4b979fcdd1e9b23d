/// One call through the proxy, as recorded beside the wire: the request the client sent, the
/// response the upstream gave (whole or as stream events), when each part happened and how it
/// ended. `ProviderExchangeDecoder` turns it into records.
///
/// The transport should strip secret headers before building one (see `isSecretHeader(_:)`);
/// the decoder drops them again in any case.
public struct ProviderExchange: Sendable, Hashable {
    /// The route the call came through: `anthropic`, `openai`, or a `--upstream` name.
    public var route: String
    /// The API the call is for.
    public var endpoint: ProviderEndpoint
    /// The request method, `POST` for every recorded endpoint.
    public var method: String
    /// The path relative to the route (`/v1/messages` for `/anthropic/v1/messages`), without the
    /// query.
    public var path: String
    /// The query without its `?`, nil when the request had none.
    public var query: String?
    /// The request's headers.
    public var requestHeaders: ProviderHeaders
    /// The request body as sent.
    public var requestBody: [UInt8]
    /// The response's HTTP status; nil when no response arrived.
    public var status: Int?
    /// The response's headers.
    public var responseHeaders: ProviderHeaders
    /// The response body, or its events for a stream.
    public var responseBody: ProviderResponseBody
    /// When each stage happened.
    public var timings: ProviderTimings
    /// How the call ended.
    public var outcome: ProviderOutcome

    /// A call; `endpoint` defaults to what `method` and `path` say (`ProviderEndpoint(method:path:)`).
    public init(
        route: String, endpoint: ProviderEndpoint? = nil, method: String = "POST", path: String, query: String? = nil,
        requestHeaders: ProviderHeaders = [:], requestBody: [UInt8], status: Int?,
        responseHeaders: ProviderHeaders = [:], responseBody: ProviderResponseBody, timings: ProviderTimings,
        outcome: ProviderOutcome = .complete
    ) {
        self.route = route
        self.endpoint = endpoint ?? ProviderEndpoint(method: method, path: path)
        self.method = method
        self.path = path
        self.query = query
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.timings = timings
        self.outcome = outcome
    }
}
