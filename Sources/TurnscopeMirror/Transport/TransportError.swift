/// A request that got no HTTP answer.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for deciding and for the status line.
    public enum Kind: String, Sendable {
        /// The host could not be resolved or connected to.
        case connect
        /// TLS failed: most often a certificate the CA bundle does not vouch for.
        case tls
        /// The connect or total timeout passed.
        case timeout
        /// The connection closed without an answer.
        case dropped
        /// Anything else libcurl reported.
        case other
    }

    public var kind: Kind
    /// libcurl's message; it never contains request headers, so never the keys.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
