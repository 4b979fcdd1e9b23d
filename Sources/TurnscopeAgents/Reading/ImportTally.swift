import TurnscopeModel

/// What an import brought in: distinct turns and sessions, files, skipped lines and bytes.
public struct ImportTally: Sendable, Hashable {
    private var turnIds: Set<String> = []
    private var sessionIds: Set<String> = []
    /// Files that had something new.
    public var files = 0
    /// Lines skipped as malformed.
    public var skippedLines = 0
    /// Bytes read.
    public var bytes: Int64 = 0

    public init() {}

    /// Distinct model calls written.
    public var turns: Int { turnIds.count }
    /// Distinct sessions those records belong to.
    public var sessions: Int { sessionIds.count }

    /// Counts the turns and sessions among `records`.
    mutating func count(_ records: [Record]) {
        for record in records {
            switch record {
            case .observation(let observation) where observation.kind == .generation: turnIds.insert(observation.id)
            case .trace(let trace): if let session = trace.sessionId { sessionIds.insert(session) }
            case .session(let session): sessionIds.insert(session.id)
            default: break
            }
        }
    }
}
