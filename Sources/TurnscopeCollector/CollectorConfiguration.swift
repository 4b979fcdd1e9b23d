/// How a collector listens and what it accepts.
public struct CollectorConfiguration: Sendable {
    /// The address to listen on; loopback unless keys are set (see `validate()`).
    public var host: String
    /// The port; 4318 is OTLP/HTTP's, so OpenTelemetry exporters work with their default endpoint.
    /// 0 picks a free port.
    public var port: Int
    /// When both are set, requests must carry HTTP Basic credentials with them.
    public var publicKey: String?
    public var secretKey: String?
    /// The largest request body accepted, as sent (413 beyond it); over gRPC, the largest message
    /// once inflated (`RESOURCE_EXHAUSTED` beyond it).
    public var maxBodyBytes: Int
    /// The largest body accepted after gzip decompression (413 beyond it).
    public var maxInflatedBytes: Int
    /// The pass-through proxy's routes (`/anthropic/…`, `/openai/…`, `--upstream NAME=URL`).
    public var proxyRoutes: [ProxyRoute]
    /// The most of one proxied response kept for recording; the stream itself is never capped.
    public var maxRecordedResponseBytes: Int
    /// The authorities the proxy trusts for upstream TLS (`--upstream-ca-file`).
    public var upstreamTrust: UpstreamTrust = .system

    public init(
        host: String = "127.0.0.1", port: Int = 4318, publicKey: String? = nil, secretKey: String? = nil,
        maxBodyBytes: Int = 16 << 20, maxInflatedBytes: Int = 64 << 20, proxyRoutes: [ProxyRoute] = ProxyRoute.defaults,
        maxRecordedResponseBytes: Int = 64 << 20
    ) {
        self.proxyRoutes = proxyRoutes
        self.maxRecordedResponseBytes = maxRecordedResponseBytes
        self.host = host
        self.port = port
        self.publicKey = publicKey
        self.secretKey = secretKey
        self.maxBodyBytes = maxBodyBytes
        self.maxInflatedBytes = maxInflatedBytes
    }

    /// Whether requests must authenticate.
    public var requiresAuthentication: Bool { publicKey?.isEmpty == false && secretKey?.isEmpty == false }

    /// Whether `host` is a loopback address.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Refuses a configuration that would expose prompts to the network without credentials.
    public func validate() throws(CollectorError) {
        if !isLoopback, !requiresAuthentication {
            throw CollectorError(
                "refusing to listen on \(host) without keys: anyone who can reach it could read and write your traces; "
                    + "set --public-key and --secret-key (or listen on 127.0.0.1)")
        }
        if (publicKey?.isEmpty == false) != (secretKey?.isEmpty == false) {
            throw CollectorError("set both --public-key and --secret-key, or neither")
        }
        guard (0...65535).contains(port) else { throw CollectorError("port \(port) is out of range") }
    }
}

/// Why the collector could not start or serve, in one line.
public struct CollectorError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
