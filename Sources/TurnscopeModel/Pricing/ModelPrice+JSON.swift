import Foundation

extension ModelPrice {
    /// The fields an entry may have. Anything else is refused, so that a typo in a user's override
    /// file (`cache_read`, `cacheread`) is reported instead of silently pricing cache reads at the
    /// input price.
    private static let fieldNames: Set<String> = [
        "input", "output", "cacheRead", "cacheWrite5m", "cacheWrite1h", "reasoning", "provider", "longContext",
    ]

    /// Reads one entry of the price JSON (the bundled table and override files share the shape):
    /// `{"input": 3e-6, "output": 1.5e-5, "cacheRead": 3e-7, "cacheWrite5m": 3.75e-6,
    /// "cacheWrite1h": 6e-6, "reasoning": …, "provider": "anthropic",
    /// "longContext": {"threshold": 200000, "input": 6e-6, "output": 2.25e-5, …}}`.
    ///
    /// Prices are USD per token; `input` and `output` are required, the rest optional; every price
    /// must be a finite number ≥ 0. Errors carry the path `key.field`.
    public init(key: String, json: JSONValue) throws(FieldError) {
        guard !key.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw FieldError(path: key, reason: "a model name must not be empty")
        }
        let reader = try FieldReader(json, path: key)
        try Self.refuseUnknownFields(reader, allowed: Self.fieldNames)
        // Read in the order the fields are documented, so the first error reported is the most basic.
        let input = try Self.requiredPrice(reader, "input")
        let output = try Self.requiredPrice(reader, "output")
        let cacheRead = try Self.price(reader, "cacheRead")
        let cacheWrite5m = try Self.price(reader, "cacheWrite5m")
        let cacheWrite1h = try Self.price(reader, "cacheWrite1h")
        let reasoning = try Self.price(reader, "reasoning")
        let provider = try reader.string("provider")
        var longContext: Tier?
        if let tierReader = try reader.nested("longContext") { longContext = try Self.tier(tierReader) }
        self.init(
            key: key, provider: provider, input: input, output: output, cacheRead: cacheRead,
            cacheWrite5m: cacheWrite5m, cacheWrite1h: cacheWrite1h, reasoning: reasoning, longContext: longContext)
    }

    private static let tierFieldNames: Set<String> = [
        "threshold", "input", "output", "cacheRead", "cacheWrite5m", "cacheWrite1h",
    ]

    private static func tier(_ reader: FieldReader) throws(FieldError) -> Tier {
        try refuseUnknownFields(reader, allowed: tierFieldNames)
        let threshold = try reader.integer("threshold") ?? Tier.defaultThreshold
        guard threshold > 0 else {
            throw FieldError(path: reader.path(of: "threshold"), reason: "must be a positive number of tokens")
        }
        return Tier(
            threshold: threshold,
            input: try requiredPrice(reader, "input"),
            output: try requiredPrice(reader, "output"),
            cacheRead: try price(reader, "cacheRead"),
            cacheWrite5m: try price(reader, "cacheWrite5m"),
            cacheWrite1h: try price(reader, "cacheWrite1h"))
    }

    private static func price(_ reader: FieldReader, _ field: String) throws(FieldError) -> Double? {
        guard let value = try reader.number(field) else { return nil }
        guard value.isFinite, value >= 0 else {
            throw FieldError(path: reader.path(of: field), reason: "must be a price in USD per token, ≥ 0")
        }
        return value
    }

    private static func requiredPrice(_ reader: FieldReader, _ field: String) throws(FieldError) -> Double {
        guard let value = try price(reader, field) else {
            throw FieldError(path: reader.path(of: field), reason: "is required (USD per token, e.g. 3e-06)")
        }
        return value
    }

    private static func refuseUnknownFields(_ reader: FieldReader, allowed: Set<String>) throws(FieldError) {
        // Sorted so that the first unknown field reported does not depend on dictionary order.
        if let unknown = reader.object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw FieldError(
                path: reader.path(of: unknown),
                reason: "unknown field; expected one of \(allowed.sorted().joined(separator: ", "))")
        }
    }
}
