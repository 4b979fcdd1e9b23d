extension ModelPrice {
    /// The cost of one request with this entry's prices, or nil when the usage has no token
    /// counter to price (an empty usage costs "unknown", never a made-up $0).
    ///
    /// - `input` (uncached) × input price, `output` × output price;
    /// - `cacheRead` × cache-read price (missing: the input price);
    /// - `cacheWrite5m` × 5-minute write price (missing: 1.25 × input);
    /// - `cacheWrite1h` × 1-hour write price (missing: 2 × input);
    /// - reasoning is part of output and billed once, at the output price, unless the entry prices
    ///   reasoning apart: then reasoning tokens cost the reasoning price and the rest of the output
    ///   the output price. A usage with reasoning but no output counts the reasoning as output.
    ///
    /// Long context: when the prompt (uncached input + cache reads + cache writes) exceeds the tier's
    /// threshold, *every* token of the request, output and cache included, is billed at the tier's
    /// prices. This is LiteLLM's whole-request reading (its cost calculator switches all rates once
    /// `prompt_tokens` passes the threshold), which matches how providers describe long-context
    /// pricing; ccusage instead splits each category at 200k, which we do not do.
    ///
    /// Parts are keyed `input`, `output`, `cacheRead`, `cacheWrite5m`, `cacheWrite1h`, one per
    /// counter the usage reports (a reported 0 gives a real $0 part); the total is their sum.
    /// Negative counters, which no provider sends, count as 0.
    public func cost(for usage: Usage) -> PricedCost? {
        let counters = [usage.input, usage.output, usage.cacheRead, usage.cacheWrite5m, usage.cacheWrite1h, usage.reasoning]
        guard counters.contains(where: { $0 != nil }) else { return nil }

        // Doubles, not Int64 sums: a corrupt counter near Int64.max must not trap the viewer.
        func tokens(_ count: Int64?) -> Double { Double(max(0, count ?? 0)) }
        let prompt = tokens(usage.input) + tokens(usage.cacheRead) + tokens(usage.cacheWrite5m) + tokens(usage.cacheWrite1h)
        let tier = longContext.flatMap { prompt > Double($0.threshold) ? $0 : nil }
        let rates = tier.map { TokenRates(tier: $0, of: self) } ?? TokenRates(base: self)

        var parts: [String: Double] = [:]
        var total = 0.0
        // Summed in a fixed order so the same usage always gives the bit-identical total.
        func add(_ name: String, _ value: Double) {
            parts[name] = value
            total += value
        }
        if usage.input != nil { add("input", tokens(usage.input) * rates.input) }
        if usage.output != nil || usage.reasoning != nil {
            let reasoning = tokens(usage.reasoning)
            let output = max(tokens(usage.output), reasoning)
            if let reasoningRate = rates.reasoning {
                add("output", (output - reasoning) * rates.output + reasoning * reasoningRate)
            } else {
                add("output", output * rates.output)
            }
        }
        if usage.cacheRead != nil { add("cacheRead", tokens(usage.cacheRead) * rates.cacheRead) }
        if usage.cacheWrite5m != nil { add("cacheWrite5m", tokens(usage.cacheWrite5m) * rates.cacheWrite5m) }
        if usage.cacheWrite1h != nil { add("cacheWrite1h", tokens(usage.cacheWrite1h) * rates.cacheWrite1h) }
        return PricedCost(cost: Cost(total: total, parts: parts), entry: key, longContext: tier != nil)
    }
}
