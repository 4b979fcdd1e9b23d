/// What one pass over the outbox did.
public enum DrainRound: Sendable, Equatable {
    /// Nothing was pending.
    case idle
    /// Records were delivered (or parked as invalid); look again at once.
    case progressed(records: Int)
    /// The server or the network failed: wait this many seconds before the next try.
    case backingOff(seconds: Double, reason: String)
}
