/// Timeouts and trust for outbound requests.
public struct TransportOptions: Sendable {
    /// Seconds to establish a connection (TLS included).
    public var connectTimeout: Double
    /// Seconds for a whole request, answer included.
    public var totalTimeout: Double
    /// A CA bundle (PEM) to verify the server with, for a Langfuse behind a private CA; nil uses the
    /// system's. Verification itself is always on.
    public var caFile: String?

    public init(connectTimeout: Double = 10, totalTimeout: Double = 60, caFile: String? = nil) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.caFile = caFile
    }

    /// Options with the CA bundle from `caFile` (a command-line option), else `SSL_CERT_FILE`,
    /// else `CURL_CA_BUNDLE`: libcurl built on OpenSSL reads neither variable by itself.
    public static func fromEnvironment(_ environment: [String: String], caFile: String?) -> TransportOptions {
        let named = [caFile, environment["SSL_CERT_FILE"], environment["CURL_CA_BUNDLE"]]
            .compactMap { $0 }.first { !$0.isEmpty }
        return TransportOptions(caFile: named)
    }
}
