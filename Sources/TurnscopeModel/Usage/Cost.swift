/// A cost in US dollars: the total and, where known, its parts by usage kind.
public struct Cost: Sendable, Hashable {
    /// The total in USD, nil when only parts are known.
    public var total: Double?
    /// Parts by usage kind (`input`, `output`, `cacheRead`, `cacheWrite5m`, `cacheWrite1h`, …).
    public var parts: [String: Double]

    public init(total: Double?, parts: [String: Double] = [:]) {
        self.total = total
        self.parts = parts
    }

    /// The total, else the sum of the parts, else nil: never a made-up zero.
    public var effectiveTotal: Double? {
        if let total { return total }
        return parts.isEmpty ? nil : parts.values.reduce(0, +)
    }
}

extension Cost {
    /// Reads a cost from `{"total": 0.01, "parts": {"input": 0.004}}`.
    public init(json: JSONValue, path: String) throws(FieldError) {
        let reader = try FieldReader(json, path: path)
        var parts: [String: Double] = [:]
        if let partsReader = try reader.nested("parts") {
            for key in partsReader.object.keys {
                guard let value = try partsReader.number(key) else { continue }
                guard value >= 0 else { throw FieldError(path: partsReader.path(of: key), reason: "must not be negative") }
                parts[key] = value
            }
        }
        let total = try reader.number("total")
        if let total, total < 0 { throw FieldError(path: reader.path(of: "total"), reason: "must not be negative") }
        self.init(total: total, parts: parts)
    }

    /// The native JSON form.
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        if let total { object["total"] = .number(total) }
        if !parts.isEmpty { object["parts"] = .object(parts.mapValues { .number($0) }) }
        return .object(object)
    }
}
