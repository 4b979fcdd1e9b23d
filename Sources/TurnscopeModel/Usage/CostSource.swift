/// Where a cost figure came from, so the browser can say whether to trust it.
public enum CostSource: Sendable, Hashable {
    /// The client sent it (litellm, an SDK, Claude Code's `costUSD`).
    case client
    /// Turnscope computed it from the named price entry.
    case computed(entry: String)
    /// Neither: the model has no price and the client sent none. Shown as unknown, never as $0.
    case unknown

    /// A short word for tables: `client`, `computed` or `unknown`.
    public var label: String {
        switch self {
        case .client: "client"
        case .computed: "computed"
        case .unknown: "unknown"
        }
    }
}
