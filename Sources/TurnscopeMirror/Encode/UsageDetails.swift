import TurnscopeModel

/// Usage and cost in Langfuse's `usageDetails` / `costDetails` keys, the buckets disjoint as
/// Langfuse counts them: `input` without cached tokens, `output` without reasoning (which goes to
/// `output_reasoning_tokens`), cache reads as `input_cached_tokens`, cache writes as
/// `input_cache_creation` (split into `_5m` and `_1h` when there are 1-hour writes), and `total`.
/// Cost parts use the same keys, so Langfuse shows each amount next to its tokens.
enum UsageDetails {
    static func usage(_ usage: Usage) -> [String: JSONValue] {
        var details: [String: JSONValue] = [:]
        func put(_ key: String, _ value: Int64?) {
            if let value { details[key] = .integer(value) }
        }
        put("input", usage.input)
        if let output = usage.output {
            put("output", max(0, output - (usage.reasoning ?? 0)))
        }
        put("output_reasoning_tokens", usage.reasoning)
        put("input_cached_tokens", usage.cacheRead)
        if usage.cacheWrite1h != nil {
            put("input_cache_creation_5m", usage.cacheWrite5m)
            put("input_cache_creation_1h", usage.cacheWrite1h)
        } else {
            put("input_cache_creation", usage.cacheWrite5m)
        }
        put("total", usage.total ?? usage.effectiveTotal)
        for (key, value) in usage.other where details[key] == nil { put(key, value) }
        return details
    }

    static func cost(_ cost: Cost, usage: Usage?) -> [String: JSONValue] {
        let names = [
            "input": "input", "output": "output", "cacheRead": "input_cached_tokens", "reasoning": "output_reasoning_tokens",
            "cacheWrite5m": usage?.cacheWrite1h != nil ? "input_cache_creation_5m" : "input_cache_creation",
            "cacheWrite1h": "input_cache_creation_1h",
        ]
        var details: [String: JSONValue] = [:]
        for (part, amount) in cost.parts { details[names[part] ?? part] = .number(amount) }
        if let total = cost.effectiveTotal { details["total"] = .number(total) }
        return details
    }
}
