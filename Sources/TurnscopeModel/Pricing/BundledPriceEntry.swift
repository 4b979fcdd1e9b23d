/// One entry of `bundledPricesJSON` as `JSONDecoder` reads it, for `PriceTable.bundled` only.
///
/// Why not the validating `ModelPrice(key:json:)` path: `JSONText.parse` builds `JSONValue`s
/// through `Codable` one probe at a time and takes about a second on the 380 KB table in a debug
/// build; decoding straight into this struct takes ~50 ms. (`JSONSerialization` is as fast but
/// on Linux rounds some long decimals one unit in the last place off.) A test checks that both
/// paths read the same table, so the checks the strict path makes still hold for the bundled data.
struct BundledPriceEntry: Decodable, Sendable {
    struct Tier: Decodable, Sendable {
        var threshold: Int64?
        var input: Double
        var output: Double
        var cacheRead: Double?
        var cacheWrite5m: Double?
        var cacheWrite1h: Double?
    }

    var input: Double
    var output: Double
    var cacheRead: Double?
    var cacheWrite5m: Double?
    var cacheWrite1h: Double?
    var reasoning: Double?
    var provider: String?
    var longContext: Tier?

    /// The entry as a `ModelPrice` named `key`.
    func price(key: String) -> ModelPrice {
        ModelPrice(
            key: key, provider: provider, input: input, output: output, cacheRead: cacheRead,
            cacheWrite5m: cacheWrite5m, cacheWrite1h: cacheWrite1h, reasoning: reasoning,
            longContext: longContext.map {
                ModelPrice.Tier(
                    threshold: $0.threshold ?? ModelPrice.Tier.defaultThreshold, input: $0.input, output: $0.output,
                    cacheRead: $0.cacheRead, cacheWrite5m: $0.cacheWrite5m, cacheWrite1h: $0.cacheWrite1h)
            })
    }
}
