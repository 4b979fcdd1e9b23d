/// One LLM call (a generation) as a session's turn list shows it.
public struct TurnSummary: Sendable, Hashable, Identifiable {
    /// The observation id.
    public var id: String
    /// The trace it belongs to.
    public var traceId: String
    /// The session it belongs to.
    public var sessionId: String
    /// Its 1-based position among the session's turns.
    public var number: Int
    /// The observation's name, else the trace's.
    public var name: String?
    /// The model as sent.
    public var model: String?
    /// Start, end and first-token times.
    public var startTime: Timestamp?
    public var endTime: Timestamp?
    public var completionStartTime: Timestamp?
    /// Token counts.
    public var usage: Usage?
    /// The cost in USD, nil when unknown.
    public var cost: Double?
    /// Where the cost came from.
    public var costSource: CostSource
    /// How many tool calls the completion asked for.
    public var toolCallCount: Int
    /// Severity and its explanation.
    public var level: Level?
    public var statusMessage: String?

    public init(
        id: String, traceId: String, sessionId: String, number: Int, name: String?, model: String?,
        startTime: Timestamp?, endTime: Timestamp?, completionStartTime: Timestamp?, usage: Usage?, cost: Double?,
        costSource: CostSource, toolCallCount: Int, level: Level?, statusMessage: String?
    ) {
        self.id = id
        self.traceId = traceId
        self.sessionId = sessionId
        self.number = number
        self.name = name
        self.model = model
        self.startTime = startTime
        self.endTime = endTime
        self.completionStartTime = completionStartTime
        self.usage = usage
        self.cost = cost
        self.costSource = costSource
        self.toolCallCount = toolCallCount
        self.level = level
        self.statusMessage = statusMessage
    }

    /// Seconds from start to end.
    public var latency: Double? {
        guard let startTime, let endTime else { return nil }
        return startTime.seconds(until: endTime)
    }

    /// Seconds from start to the first streamed token.
    public var timeToFirstToken: Double? {
        guard let startTime, let completionStartTime else { return nil }
        return startTime.seconds(until: completionStartTime)
    }

    /// Whether the call failed.
    public var isError: Bool { level == .error }
}
