import TurnscopeModel

extension TraceStore {
    /// How LLM calls are grouped in `usageStats`.
    public enum StatsGrouping: Sendable {
        case model
        case day
    }

    /// Token and cost totals of LLM calls by model (most expensive first) or by UTC day (oldest
    /// first), optionally only since a time.
    public func usageStats(by grouping: StatsGrouping, since: Timestamp? = nil) throws(StoreError) -> [UsageStats] {
        try usageStats(by: grouping, filter: BrowseFilter(since: since))
    }
}
