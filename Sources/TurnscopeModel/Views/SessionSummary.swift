/// A session as the sessions list shows it: identity, activity and running totals.
public struct SessionSummary: Sendable, Hashable, Identifiable {
    /// The session id as the client sent it, or `auto:…` for traces grouped automatically.
    public var id: String
    /// A human label: the first user message, else the first trace's name.
    public var label: String?
    /// The first user id seen in the session.
    public var userId: String?
    /// First and last activity.
    public var firstAt: Timestamp?
    public var lastAt: Timestamp?
    /// Counts.
    public var traceCount: Int
    public var turnCount: Int
    public var errorCount: Int
    /// Token totals by kind (input is uncached input).
    public var usage: Usage
    /// The sum of every known cost in USD.
    public var cost: Double
    /// Turns whose cost is unknown (no price, no client figure): the total is then a lower bound.
    public var unpricedTurns: Int
    /// Models used, sorted.
    public var models: [String]
    /// Whether Turnscope grouped these traces itself because they came without a session id.
    public var isAutomatic: Bool
    /// Where the turns come from: `claude-code`, `codex`, `langfuse`, `otlp`, `native`.
    public var source: String?
    /// The project (an agent's working directory), when the source knows it.
    public var project: String?
    /// The cost the client itself reported for the whole session (Claude Code's running total),
    /// beside `cost`, Turnscope's sum of the turns.
    public var reportedCost: Double?

    public init(
        id: String, label: String?, userId: String?, firstAt: Timestamp?, lastAt: Timestamp?, traceCount: Int,
        turnCount: Int, errorCount: Int, usage: Usage, cost: Double, unpricedTurns: Int, models: [String],
        isAutomatic: Bool, source: String? = nil, project: String? = nil, reportedCost: Double? = nil
    ) {
        self.id = id
        self.label = label
        self.userId = userId
        self.firstAt = firstAt
        self.lastAt = lastAt
        self.traceCount = traceCount
        self.turnCount = turnCount
        self.errorCount = errorCount
        self.usage = usage
        self.cost = cost
        self.unpricedTurns = unpricedTurns
        self.models = models
        self.isAutomatic = isAutomatic
        self.source = source
        self.project = project
        self.reportedCost = reportedCost
    }

    /// Share of prompt tokens served from the cache, nil when there were no prompt tokens.
    public var cacheHitRatio: Double? {
        let prompt = usage.promptTokens
        return prompt > 0 ? Double(usage.cacheRead ?? 0) / Double(prompt) : nil
    }
}
