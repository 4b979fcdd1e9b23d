/// Why a response stopped before its end.
public enum ProviderCutShortReason: String, Sendable, Hashable, CaseIterable {
    /// The upstream closed the connection, or it broke.
    case upstreamClosed
    /// The client hung up, and the proxy cancelled the upstream request.
    case clientDisconnected
    /// The upstream sent nothing for too long.
    case timedOut

    /// How a status message says it: "the upstream closed the connection".
    var sentence: String {
        switch self {
        case .upstreamClosed: "the upstream closed the connection"
        case .clientDisconnected: "the client disconnected"
        case .timedOut: "the upstream timed out"
        }
    }
}
