/// Token and cost totals for one group (a model, a day).
public struct UsageStats: Sendable, Hashable {
    /// The group's name: a model, or a day as `YYYY-MM-DD`.
    public var group: String
    /// How many LLM calls.
    public var calls: Int
    /// Token totals.
    public var usage: Usage
    /// Known cost in USD.
    public var cost: Double
    /// Calls whose cost is unknown.
    public var unpricedCalls: Int

    public init(group: String, calls: Int, usage: Usage, cost: Double, unpricedCalls: Int) {
        self.group = group
        self.calls = calls
        self.usage = usage
        self.cost = cost
        self.unpricedCalls = unpricedCalls
    }
}

extension UsageStats {
    /// The totals of several groups under one name: counts, tokens and cost added up.
    public static func combined(_ parts: some Sequence<UsageStats>, as group: String) -> UsageStats {
        var total = UsageStats(group: group, calls: 0, usage: Usage(), cost: 0, unpricedCalls: 0)
        for part in parts {
            total.calls += part.calls
            total.cost += part.cost
            total.unpricedCalls += part.unpricedCalls
            // A counter no group reported stays unknown ("–"), not zero.
            func sum(_ a: Int64?, _ b: Int64?) -> Int64? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }
            total.usage.input = sum(total.usage.input, part.usage.input)
            total.usage.output = sum(total.usage.output, part.usage.output)
            total.usage.cacheRead = sum(total.usage.cacheRead, part.usage.cacheRead)
            total.usage.cacheWrite5m = sum(total.usage.cacheWrite5m, part.usage.cacheWrite5m)
            total.usage.cacheWrite1h = sum(total.usage.cacheWrite1h, part.usage.cacheWrite1h)
            total.usage.reasoning = sum(total.usage.reasoning, part.usage.reasoning)
        }
        return total
    }
}
