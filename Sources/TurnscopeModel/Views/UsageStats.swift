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
