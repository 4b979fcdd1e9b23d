/// The five per-token prices one request is billed at, after defaults and the long-context tier
/// have been resolved. Internal: callers see only the resulting `PricedCost`.
struct TokenRates: Sendable, Hashable {
    var input: Double
    var output: Double
    var cacheRead: Double
    var cacheWrite5m: Double
    var cacheWrite1h: Double
    /// A reasoning price distinct from `output`; nil bills reasoning as ordinary output, so that
    /// the common case computes `output × price` exactly, with no split to round differently.
    var reasoning: Double?

    /// Multipliers of the input price for cache writes whose price the entry does not give:
    /// Anthropic's published ratios (5-minute write 1.25 ×, 1-hour write 2 × the input price).
    static let cacheWrite5mFactor = 1.25
    static let cacheWrite1hFactor = 2.0

    /// The base prices of an entry. A missing cache-read price means the input price: a provider
    /// that publishes no cache price bills cached tokens as ordinary input (LiteLLM's reading).
    init(base price: ModelPrice) {
        input = price.input
        output = price.output
        cacheRead = price.cacheRead ?? price.input
        cacheWrite5m = price.cacheWrite5m ?? price.input * Self.cacheWrite5mFactor
        cacheWrite1h = price.cacheWrite1h ?? price.input * Self.cacheWrite1hFactor
        reasoning = price.reasoning
    }

    /// The prices of a request in the long-context tier. A price the tier lacks falls back to the
    /// entry's own explicit price of that kind (as LiteLLM's `_get_token_base_cost` does), and only
    /// then to the default derived from the tier's input price. The tier carries no reasoning price,
    /// so reasoning is billed at the tier's output price.
    init(tier: ModelPrice.Tier, of price: ModelPrice) {
        input = tier.input
        output = tier.output
        cacheRead = tier.cacheRead ?? price.cacheRead ?? tier.input
        cacheWrite5m = tier.cacheWrite5m ?? price.cacheWrite5m ?? tier.input * Self.cacheWrite5mFactor
        cacheWrite1h = tier.cacheWrite1h ?? price.cacheWrite1h ?? tier.input * Self.cacheWrite1hFactor
        reasoning = nil
    }
}
