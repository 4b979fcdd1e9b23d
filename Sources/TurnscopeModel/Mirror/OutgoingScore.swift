/// One score the mirror should forward.
public struct OutgoingScore: Sendable, Hashable {
    /// The merged score row.
    public var score: ScoreRecord
    /// The store's change sequence this version was read at (see `OutgoingTrace.revision`).
    public var revision: Int64

    public init(score: ScoreRecord, revision: Int64) {
        self.score = score
        self.revision = revision
    }
}
