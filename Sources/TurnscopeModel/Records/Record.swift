/// Anything a client can send: the unit every decoder produces and the store writes.
public enum Record: Sendable, Hashable {
    case trace(TraceRecord)
    case observation(ObservationRecord)
    case score(ScoreRecord)
    /// What a source knows of a session itself: its origin, project, label and reported cost.
    case session(SessionRecord)

    /// The record's own id.
    public var id: String {
        switch self {
        case .trace(let trace): trace.id
        case .observation(let observation): observation.id
        case .score(let score): score.id
        case .session(let session): session.id
        }
    }
}
