/// A cost Turnscope computed from a price entry, with what it was computed from.
public struct PricedCost: Sendable, Hashable {
    /// The cost: the total and its parts keyed `input`, `output`, `cacheRead`, `cacheWrite5m` and
    /// `cacheWrite1h` (one part per counter the usage reported; reasoning is inside `output`).
    public var cost: Cost
    /// The key of the price entry used, so the user can see which price a model name resolved to.
    public var entry: String
    /// Whether the long-context tier's prices were used for this request.
    public var longContext: Bool

    /// A computed cost from the named entry.
    public init(cost: Cost, entry: String, longContext: Bool) {
        self.cost = cost
        self.entry = entry
        self.longContext = longContext
    }
}
