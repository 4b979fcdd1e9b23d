import Foundation

extension PriceTable {
    /// The prices bundled with Turnscope: LiteLLM's table (see `BundledPrices.swift` for the
    /// version and `scripts/make-prices.py` to regenerate), parsed on first use.
    public static let bundled: PriceTable = {
        do {
            // The same strict reader as users' override files: one path, every check applied.
            return try PriceTable(json: JSONText.parse(bundledPricesJSON))
        } catch {
            // The text is generated and covered by tests; failing here means a broken generator.
            preconditionFailure("BundledPrices.swift does not hold a valid price table (\(error)); rerun scripts/make-prices.py")
        }
    }()

    /// A table read from the price JSON shape, an object of entries by key (see
    /// `ModelPrice.init(key:json:)`). Errors name the model and field.
    public init(json: JSONValue) throws(FieldError) {
        self.init(prices: try Self.prices(json: json))
    }

    /// Reads a user's price-override file, to be applied with `merging(_:)`.
    ///
    /// The file is JSON, the same shape as the bundled table: an object of entries by model name,
    /// prices in USD per token, `input` and `output` required.
    ///
    /// ```json
    /// {
    ///   "my-model": {"input": 1e-6, "output": 2e-6, "cacheRead": 1e-7},
    ///   "claude-sonnet-4-5-20250929": {"input": 3e-6, "output": 1.5e-5, "cacheRead": 3e-7,
    ///     "cacheWrite5m": 3.75e-6, "cacheWrite1h": 6e-6,
    ///     "longContext": {"threshold": 200000, "input": 6e-6, "output": 2.25e-5}}
    /// }
    /// ```
    ///
    /// Optional fields: `cacheRead`, `cacheWrite5m`, `cacheWrite1h`, `reasoning`, `provider`,
    /// `longContext` (`threshold` defaults to 200000). Unknown fields are refused so that a typo
    /// is reported rather than ignored.
    public static func overrides(contentsOf path: String) throws(PriceFileError) -> [ModelPrice] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PriceFileError(file: path, reason: "cannot read the file: \(error.localizedDescription)")
        }
        let json: JSONValue
        do {
            json = try JSONText.parse(data)
        } catch {
            throw PriceFileError(file: path, reason: error.description)
        }
        do {
            return try prices(json: json)
        } catch {
            throw PriceFileError(file: path, field: error.path.isEmpty ? nil : error.path, reason: error.reason)
        }
    }

    /// The entries of the price JSON shape, in key order (so the first error reported is stable).
    private static func prices(json: JSONValue) throws(FieldError) -> [ModelPrice] {
        guard case .object(let entries) = json else {
            throw FieldError(path: "", reason: "expected an object of prices by model name, got \(json.typeName)")
        }
        var prices: [ModelPrice] = []
        prices.reserveCapacity(entries.count)
        for key in entries.keys.sorted() {
            prices.append(try ModelPrice(key: key, json: entries[key] ?? .null))
        }
        return prices
    }
}
