/// The headers that describe one connection rather than the message (RFC 9110 §7.6.1), which a
/// proxy must not forward, plus `Host`, which names the upstream instead.
enum HopByHop {
    /// Whether `name` is dropped when forwarding, in either direction.
    static func isDropped(_ name: String) -> Bool {
        let name = name.lowercased()
        return names.contains(name) || name.hasPrefix("proxy-")
    }

    private static let names: Set<String> = [
        "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "host",
    ]
}
