/// Why a response stopped before its end.
public enum ProviderCutShortReason: String, Sendable, Hashable, CaseIterable {
    /// The upstream closed the connection, or it broke.
    case upstreamClosed
    /// The client hung up, and the proxy cancelled the upstream request.
    case clientDisconnected
    /// The upstream sent nothing for too long.
    case timedOut
    /// The response passed the proxy's recording limit: the client received all of it, the
    /// record keeps only its start.
    case recordingLimit

    /// How a status message says it: "the upstream closed the connection".
    var sentence: String {
        switch self {
        case .upstreamClosed: "the upstream closed the connection"
        case .clientDisconnected: "the client disconnected"
        case .timedOut: "the upstream timed out"
        case .recordingLimit: "the response passed the recording limit, so only its start was kept"
        }
    }
}
