/// Options both encoders share.
public struct EncodeOptions: Sendable {
    /// Replace message text, reasoning, tool arguments, tool results and other inputs and outputs
    /// with `redactionMarker`, keeping structure, names, models, timings, usage and cost.
    public var redact: Bool

    /// What redacted content reads upstream.
    public static let redactionMarker = "[redacted by turnscope]"

    public init(redact: Bool = false) {
        self.redact = redact
    }
}
