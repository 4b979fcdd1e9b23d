/// Whether the mirror runs, and what to tell the operator about it.
public enum MirrorDecision: Sendable, Equatable {
    /// It runs and sends to `destination`; `warnings` are printed once at start (plain http to a
    /// remote host, say).
    case on(MirrorDestination, warnings: [String])
    /// It does not run. `warning` is printed once when the operator probably meant it to run
    /// (keys without a host); nil when nothing Langfuse-related was set at all.
    case off(reason: String, warning: String?)

    /// Whether records are sent anywhere.
    public var isOn: Bool {
        if case .on = self { return true }
        return false
    }
}

/// Why an explicit `--mirror` cannot be honoured: a start-up error, so nothing runs half-configured.
public struct MirrorGateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
