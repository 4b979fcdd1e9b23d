/// The native JSON form of usage: `{"input":…, "output":…, "cacheRead":…, "cacheWrite5m":…,
/// "cacheWrite1h":…, "reasoning":…, "total":…, "other":{"name":n}}`.
extension Usage {
    /// Reads usage from its native JSON form; counters must be non-negative integers.
    public init(json: JSONValue, path: String) throws(FieldError) {
        let reader = try FieldReader(json, path: path)
        func counter(_ key: String) throws(FieldError) -> Int64? {
            guard let value = try reader.integer(key) else { return nil }
            guard value >= 0 else { throw FieldError(path: reader.path(of: key), reason: "must not be negative") }
            return value
        }
        self.init(
            input: try counter("input"), output: try counter("output"), cacheRead: try counter("cacheRead"),
            cacheWrite5m: try counter("cacheWrite5m"), cacheWrite1h: try counter("cacheWrite1h"),
            reasoning: try counter("reasoning"), total: try counter("total"))
        if let others = try reader.nested("other") {
            for key in others.object.keys {
                if let value = try others.integer(key) { other[key] = value }
            }
        }
    }

    /// The native JSON form; absent counters are left out.
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        let pairs: [(String, Int64?)] = [
            ("input", input), ("output", output), ("cacheRead", cacheRead), ("cacheWrite5m", cacheWrite5m),
            ("cacheWrite1h", cacheWrite1h), ("reasoning", reasoning), ("total", total),
        ]
        for (key, value) in pairs { if let value { object[key] = .integer(value) } }
        if !other.isEmpty { object["other"] = .object(other.mapValues { .integer($0) }) }
        return .object(object)
    }
}
