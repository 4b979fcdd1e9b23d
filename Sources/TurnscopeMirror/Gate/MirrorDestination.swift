/// Where the mirror sends records, as the operator named it: a Langfuse host and its project keys.
///
/// The secret key never appears in a description: `description` shows the host and the public key
/// shortened, which is all a status line or a log needs.
public struct MirrorDestination: Sendable, Equatable, CustomStringConvertible {
    /// The Langfuse base URL, without a trailing slash (`https://cloud.langfuse.com`).
    public var host: String
    public var publicKey: String
    public var secretKey: String

    public init(host: String, publicKey: String, secretKey: String) {
        self.host = host
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// `https://cloud.langfuse.com (pk-lf-12…cdef)`.
    public var description: String { "\(host) (\(Self.shortened(publicKey)))" }

    /// A key cut to its first six and last four characters, so two keys can be told apart in a
    /// status line without the key being shown.
    public static func shortened(_ key: String) -> String {
        key.count <= 12 ? String(repeating: "•", count: key.count) : "\(key.prefix(6))…\(key.suffix(4))"
    }
}
