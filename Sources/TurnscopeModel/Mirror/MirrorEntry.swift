/// One row of the store's mirror outbox: a trace or a score waiting for, or past, delivery.
///
/// A trace entry stands for the trace and all its observations: it is queued again whenever any of
/// them changes, and remembers the change sequence last delivered so only what changed is resent.
public struct MirrorEntry: Sendable, Hashable {
    /// What the entry forwards.
    public enum Kind: Int, Sendable, Hashable {
        case trace = 0
        case score = 1
    }

    public var kind: Kind
    /// The trace's or score's row in the store.
    public var row: Int64
    /// The change sequence of the version read for sending.
    public var revision: Int64
    /// The id the record has upstream, kept once delivered so the browser can link to it.
    public var upstreamId: String?

    public init(kind: Kind, row: Int64, revision: Int64, upstreamId: String? = nil) {
        self.kind = kind
        self.row = row
        self.revision = revision
        self.upstreamId = upstreamId
    }
}
