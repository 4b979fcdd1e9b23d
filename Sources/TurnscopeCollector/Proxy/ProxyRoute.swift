/// One pass-through proxy route: requests to `/NAME/…` on the collector go to `upstream/…`.
///
/// Only configured routes are reachable, so the proxy never takes its destination from a request
/// (no open proxy, no server-side request forgery).
public struct ProxyRoute: Sendable, Hashable {
    /// The first path component that selects the route (`anthropic` for `/anthropic/v1/messages`).
    public var name: String
    /// The base URL the rest of the path is appended to, without a trailing slash.
    public var upstream: String

    public init(name: String, upstream: String) {
        self.name = name
        var upstream = upstream
        while upstream.hasSuffix("/") { upstream.removeLast() }
        self.upstream = upstream
    }

    /// Anthropic's and OpenAI's public APIs, which every SDK reaches through a base URL.
    public static let defaults: [ProxyRoute] = [
        ProxyRoute(name: "anthropic", upstream: "https://api.anthropic.com"),
        ProxyRoute(name: "openai", upstream: "https://api.openai.com"),
    ]

    /// `routes` with `route` added, or replacing the one of the same name.
    public static func adding(_ route: ProxyRoute, to routes: [ProxyRoute]) -> [ProxyRoute] {
        var routes = routes
        if let index = routes.firstIndex(where: { $0.name == route.name }) {
            routes[index] = route
        } else {
            routes.append(route)
        }
        return routes
    }
}
