/// Where one record stands with the mirror, as the browser marks each turn.
public enum MirrorMark: Sendable, Hashable {
    /// Delivered as it is now.
    case mirrored
    /// Queued: new, changed since it was delivered, or waiting for a retry.
    case pending
    /// Refused by the server as invalid; `turnscope mirror retry` queues it again.
    case failed(reason: String)
}
