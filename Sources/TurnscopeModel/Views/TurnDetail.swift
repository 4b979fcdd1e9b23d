/// Everything about one turn: the generation with its prompt reassembled, its trace, and which
/// part of the prompt is new compared with the session's previous turn.
public struct TurnDetail: Sendable {
    /// The row as the turn list shows it.
    public var summary: TurnSummary
    /// The full generation record, messages reassembled from stored content.
    public var observation: ObservationRecord
    /// The trace it belongs to.
    public var trace: TraceRecord?
    /// For each input message: true when the previous turn's prompt did not contain it. It covers
    /// the whole prompt, the omitted history included.
    public var inputIsNew: [Bool]
    /// How many leading messages of the prompt `observation.input` leaves out: the history the
    /// previous turn's prompt already sent, when the turn was read without it (a screen shows it
    /// folded, so it reads it only when asked). 0 when the prompt is whole.
    public var omittedHistory: Int
    /// The previous and next turns of the session, for stepping through.
    public var previousTurnId: String?
    public var nextTurnId: String?
    /// Observations nested under this generation (tool calls, spans), in start order.
    public var children: [ObservationRecord]
    /// The price entry used for a computed cost, and the cost by part.
    public var costEntry: String?
    public var costParts: [String: Double]

    public init(
        summary: TurnSummary, observation: ObservationRecord, trace: TraceRecord?, inputIsNew: [Bool],
        previousTurnId: String?, nextTurnId: String?, children: [ObservationRecord], costEntry: String?,
        costParts: [String: Double], omittedHistory: Int = 0
    ) {
        self.summary = summary
        self.observation = observation
        self.trace = trace
        self.inputIsNew = inputIsNew
        self.previousTurnId = previousTurnId
        self.nextTurnId = nextTurnId
        self.children = children
        self.costEntry = costEntry
        self.costParts = costParts
        self.omittedHistory = omittedHistory
    }
}
