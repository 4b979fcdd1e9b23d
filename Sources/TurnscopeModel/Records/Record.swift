/// Anything a client can send: the unit every decoder produces and the store writes.
public enum Record: Sendable, Hashable {
    case trace(TraceRecord)
    case observation(ObservationRecord)
    case score(ScoreRecord)

    /// The record's own id.
    public var id: String {
        switch self {
        case .trace(let trace): trace.id
        case .observation(let observation): observation.id
        case .score(let score): score.id
        }
    }
}
