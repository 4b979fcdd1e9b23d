/// A piece of stored content that matches a search, and the turn where it first appeared.
public struct SearchHit: Sendable, Hashable {
    /// The matching text, cut around the first match.
    public var snippet: String
    /// The role of the matching message, nil for a non-chat value.
    public var role: Role?
    /// The observation that first sent this content (for a turn, the turn to jump to).
    public var observationId: String?
    /// Its kind and name.
    public var observationKind: ObservationKind?
    public var observationName: String?
    /// The trace and session it belongs to.
    public var traceId: String?
    public var sessionId: String?
    /// When that observation started.
    public var time: Timestamp?

    public init(
        snippet: String, role: Role?, observationId: String?, observationKind: ObservationKind?,
        observationName: String?, traceId: String?, sessionId: String?, time: Timestamp?
    ) {
        self.snippet = snippet
        self.role = role
        self.observationId = observationId
        self.observationKind = observationKind
        self.observationName = observationName
        self.traceId = traceId
        self.sessionId = sessionId
        self.time = time
    }
}
