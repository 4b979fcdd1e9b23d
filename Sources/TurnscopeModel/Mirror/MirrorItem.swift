/// One unit of the mirror's backlog: an outbox entry and the records it forwards.
public struct MirrorItem: Sendable, Hashable {
    /// What is forwarded.
    public enum Payload: Sendable, Hashable {
        case trace(OutgoingTrace)
        case score(OutgoingScore)
        /// The row no longer exists (deleted by hand): nothing to send, the entry is done.
        case gone
    }

    /// The outbox row to mark once the server answers.
    public var entry: MirrorEntry
    public var payload: Payload

    public init(entry: MirrorEntry, payload: Payload) {
        self.entry = entry
        self.payload = payload
    }

    /// How many records the item sends (observations, or one for a score or a bare trace).
    public var recordCount: Int {
        switch payload {
        case .trace(let trace): max(1, trace.observations.count)
        case .score: 1
        case .gone: 0
        }
    }
}
