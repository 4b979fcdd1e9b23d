/// An evaluation attached to a trace, an observation or a session.
public struct ScoreRecord: Sendable, Hashable {
    /// The score's id.
    public var id: String
    /// What is scored, e.g. `correctness`.
    public var name: String
    /// The value.
    public var value: ScoreValue
    /// Langfuse's data type (`NUMERIC`, `CATEGORICAL`, `BOOLEAN`, …), when the client named one.
    public var dataType: String?
    /// The trace scored.
    public var traceId: String?
    /// The observation scored.
    public var observationId: String?
    /// The session scored.
    public var sessionId: String?
    /// A note from the scorer.
    public var comment: String?
    /// Free-form metadata.
    public var metadata: JSONValue?
    /// When the score was given.
    public var timestamp: Timestamp?
    /// Who gave it: `API`, `EVAL` or `ANNOTATION`.
    public var source: String?
    /// The deployment environment.
    public var environment: String?

    public init(
        id: String, name: String, value: ScoreValue, dataType: String? = nil, traceId: String? = nil,
        observationId: String? = nil, sessionId: String? = nil, comment: String? = nil,
        metadata: JSONValue? = nil, timestamp: Timestamp? = nil, source: String? = nil, environment: String? = nil
    ) {
        self.id = id
        self.name = name
        self.value = value
        self.dataType = dataType
        self.traceId = traceId
        self.observationId = observationId
        self.sessionId = sessionId
        self.comment = comment
        self.metadata = metadata
        self.timestamp = timestamp
        self.source = source
        self.environment = environment
    }
}

/// A score's value: a number, or a category or text.
public enum ScoreValue: Sendable, Hashable {
    case number(Double)
    case string(String)

    /// The value as JSON.
    public var json: JSONValue {
        switch self {
        case .number(let value): .number(value)
        case .string(let value): .string(value)
        }
    }
}
