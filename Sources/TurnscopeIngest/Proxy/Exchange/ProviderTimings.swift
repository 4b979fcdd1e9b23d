import TurnscopeModel

/// When the proxy saw each stage of a call, by its own clock.
public struct ProviderTimings: Sendable, Hashable {
    /// When the request arrived from the client.
    public var start: Timestamp
    /// When the first byte of the response body arrived from the upstream.
    public var firstByte: Timestamp?
    /// When the first event carrying generated content arrived (see
    /// `ProviderEndpoint.startsCompletion(_:)`); for a stream, the time to first token.
    public var firstToken: Timestamp?
    /// When the response ended (completely or not), or the call failed.
    public var end: Timestamp?

    /// The times of a call; only its start is always known.
    public init(start: Timestamp, firstByte: Timestamp? = nil, firstToken: Timestamp? = nil, end: Timestamp? = nil) {
        self.start = start
        self.firstByte = firstByte
        self.firstToken = firstToken
        self.end = end
    }
}
