import TurnscopeModel

/// The price-table entry for each model name the writer has priced, remembered across writes.
///
/// Matching a name (trimming, lowercasing, stripping provider packaging, ranking candidates) cost
/// more than the rest of pricing a generation, and a collector sees the same few model names over
/// and over. The table never changes while a store is open, so a remembered match stays right.
struct PriceMemo {
    private var matches: [String: ModelPrice?] = [:]
    /// Names remembered at once; past this the memo starts over (names are client-given).
    static let limit = 4_096

    /// The entry that prices `model`, as `pricing.match(model:)` finds it.
    mutating func match(_ model: String, in pricing: PriceTable) -> ModelPrice? {
        if let known = matches[model] { return known }
        if matches.count >= Self.limit { matches.removeAll(keepingCapacity: true) }
        let found = pricing.match(model: model)
        matches[model] = .some(found)
        return found
    }
}
