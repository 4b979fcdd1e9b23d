import Foundation

/// The rule that decides whether prompts leave the machine.
///
/// The mirror is on only when `LANGFUSE_HOST` (or `LANGFUSE_BASE_URL`, the newer SDKs' name for
/// it), `LANGFUSE_PUBLIC_KEY` and `LANGFUSE_SECRET_KEY` are all set and non-empty and the host is an
/// http(s) URL. There is no default destination: keys alone never send anything to a cloud endpoint
/// nobody named. `--no-mirror` forces it off; `--mirror` turns anything missing into an error.
public struct MirrorGate: Sendable {
    /// What the command line asked for.
    public enum Request: Sendable {
        /// Decide from the environment (the default).
        case automatic
        /// `--mirror`: on, or a start-up error saying what is missing.
        case required
        /// `--no-mirror`: off whatever the environment says.
        case disabled
    }

    public var request: Request
    /// The collector's own address (`127.0.0.1:4318`), to refuse mirroring into itself.
    public var collectorAddress: (host: String, port: Int)?

    public init(request: Request = .automatic, collectorAddress: (host: String, port: Int)? = nil) {
        self.request = request
        self.collectorAddress = collectorAddress
    }

    /// Decides from environment variables.
    public func decide(environment: [String: String]) throws(MirrorGateError) -> MirrorDecision {
        if case .disabled = request { return .off(reason: "off (--no-mirror)", warning: nil) }
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        let host = value("LANGFUSE_HOST")
        let baseURL = value("LANGFUSE_BASE_URL")
        let publicKey = value("LANGFUSE_PUBLIC_KEY")
        let secretKey = value("LANGFUSE_SECRET_KEY")
        let anySet = host != nil || baseURL != nil || publicKey != nil || secretKey != nil

        var problems: [String] = []
        if let host, let baseURL, Self.normalized(host) != Self.normalized(baseURL) {
            problems.append("LANGFUSE_HOST (\(host)) and LANGFUSE_BASE_URL (\(baseURL)) name different hosts")
        }
        let named = host ?? baseURL
        if named == nil { problems.append("LANGFUSE_HOST (or LANGFUSE_BASE_URL) is not set: there is no default destination") }
        if publicKey == nil { problems.append("LANGFUSE_PUBLIC_KEY is not set") }
        if secretKey == nil { problems.append("LANGFUSE_SECRET_KEY is not set") }
        var url: URL?
        if let named, problems.isEmpty {
            url = Self.url(named)
            if url == nil { problems.append("LANGFUSE_HOST (\(named)) is not an http(s) URL") }
        }
        if let url, let collectorAddress, Self.isSelf(url, collectorAddress) {
            problems.append("LANGFUSE_HOST (\(named ?? "")) is this collector's own address: the mirror would send records to itself")
        }

        guard problems.isEmpty, let url, let publicKey, let secretKey else {
            let reason = "mirror off: " + problems.joined(separator: "; ")
            if case .required = request { throw MirrorGateError("--mirror: " + problems.joined(separator: "; ")) }
            return .off(reason: anySet ? reason : "mirror off", warning: anySet ? reason : nil)
        }
        var warnings: [String] = []
        if url.scheme == "http", !Self.isLoopback(url.host ?? "") {
            warnings.append(
                "mirror: \(Self.normalized(named ?? "")) is plain http on a non-loopback address: keys and prompts travel in clear text")
        }
        return .on(
            MirrorDestination(host: Self.normalized(named ?? ""), publicKey: publicKey, secretKey: secretKey),
            warnings: warnings)
    }

    /// The host without trailing slashes, so `https://x/` and `https://x` are the same destination.
    static func normalized(_ host: String) -> String {
        var text = host
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// An http(s) URL with a host, nil otherwise.
    static func url(_ text: String) -> URL? {
        guard let url = URL(string: normalized(text)), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        return name == "localhost" || name.hasPrefix("127.") || name == "::1" || name == "[::1]"
    }

    /// Whether `url` points at the collector itself (same port on a loopback or the same host).
    static func isSelf(_ url: URL, _ collector: (host: String, port: Int)) -> Bool {
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        guard port == collector.port, let host = url.host else { return false }
        if host.lowercased() == collector.host.lowercased() { return true }
        let collectorIsWildcard = collector.host == "0.0.0.0" || collector.host == "::"
        return isLoopback(host) && (isLoopback(collector.host) || collectorIsWildcard)
    }
}
