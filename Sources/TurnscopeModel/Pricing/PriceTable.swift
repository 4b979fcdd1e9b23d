/// A table of model prices: the bundled LiteLLM snapshot, possibly with a user's overrides, and
/// the lookup from the model names traces carry to the entry that prices them.
///
/// Immutable once built (the match index is computed in `init`), so one table can be shared
/// across tasks without locks.
public struct PriceTable: Sendable {
    /// Every entry, sorted by key.
    public let prices: [ModelPrice]
    private let index: PriceIndex

    /// A table of `prices`. Keys are compared ignoring case; of two entries with the same key the
    /// later one wins, as in `merging(_:)`.
    public init(prices: [ModelPrice]) {
        var byKey: [String: ModelPrice] = [:]
        for price in prices { byKey[price.key.lowercased()] = price }
        self.prices = byKey.values.sorted { $0.key < $1.key }
        index = PriceIndex(self.prices)
    }

    /// This table with `overrides` replacing the entries with the same key (ignoring case) whole,
    /// not field by field, and adding the others. A key is replaced only under its own name: to
    /// change what `claude-sonnet-4-5-20250929` costs, override that key; the matched entry is
    /// shown with every computed cost, so the user can see which key to override.
    public func merging(_ overrides: [ModelPrice]) -> PriceTable {
        PriceTable(prices: prices + overrides)
    }

    /// The entry for a model name as a trace spells it, or nil when no entry prices that model.
    ///
    /// Case-insensitive. Tries the exact key, then the name stripped of its packaging: provider
    /// paths (`anthropic/`, `openai/`, `openrouter/…/`, any `xxx/`), Bedrock region and vendor
    /// prefixes (`us.`, `global.`, `anthropic.`) and `-v1:0` suffixes, Vertex's `@date`, `4.5` for
    /// `4-5`; then the same without a release date, in both directions (a dated name finds the
    /// undated key and vice versa). It never matches by prefix, so `gpt-4o` never finds
    /// `gpt-4o-mini`. When several entries price the same model, the one the name's provider
    /// points to wins (see `PriceIndex`).
    public func match(model: String) -> ModelPrice? {
        index.match(model)
    }

    /// The entry with this key, ignoring case (the key a computed cost names), not a match.
    public func entry(key: String) -> ModelPrice? {
        index.entry(key: key)
    }

    /// The cost of one request of `model` with `usage`, or nil when the model is unknown or
    /// missing, or the usage has no token counter: never a made-up $0. See `ModelPrice.cost(for:)`
    /// for the rule.
    public func cost(model: String?, usage: Usage) -> PricedCost? {
        guard let model, let price = match(model: model) else { return nil }
        return price.cost(for: usage)
    }
}
