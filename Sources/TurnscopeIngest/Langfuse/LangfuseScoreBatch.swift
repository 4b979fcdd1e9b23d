import TurnscopeModel

/// What one `POST /api/public/scores` body holds: the scores to store and the reasons others were
/// refused. The collector answers 202 when nothing was refused, else 207 with
/// `{"accepted", "rejected", "errors": [{"message"}]}` (CONTRACT.md §5).
public struct LangfuseScoreBatch: Sendable, Hashable {
    /// The accepted scores, in body order.
    public var records: [Record]
    /// One message per refused score, e.g. `score 2 (4160c4ee863a964e): value: expected a number, got a string`.
    public var errors: [String]

    /// A score batch result.
    public init(records: [Record] = [], errors: [String] = []) {
        self.records = records
        self.errors = errors
    }
}
