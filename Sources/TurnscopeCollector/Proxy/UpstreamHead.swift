/// The status line and headers of an upstream's final response (after any `100 Continue`).
struct UpstreamHead: Sendable {
    var status: Int
    /// The reason phrase as the upstream wrote it (empty over HTTP/2, which has none).
    var reason: String
    var headers: [(name: String, value: String)]
}
