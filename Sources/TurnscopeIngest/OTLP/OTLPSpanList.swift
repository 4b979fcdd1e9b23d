/// What a reader found in an export: the spans it could read and why it refused the others.
struct OTLPSpanList: Sendable {
    var spans: [OTLPSpan] = []
    /// One reason per refused span, e.g. `span "eee19b7ec3c1b175": traceId is missing`.
    var rejections: [String] = []

    /// How many reasons the partial-success message quotes; exporters log it, so a few suffice.
    static let quotedRejections = 3

    /// The message for OTLP's `partial_success.error_message`, nil when nothing was refused.
    var rejectionMessage: String? {
        guard !rejections.isEmpty else { return nil }
        var message = rejections.prefix(Self.quotedRejections).joined(separator: "; ")
        if rejections.count > Self.quotedRejections {
            message += "; and \(rejections.count - Self.quotedRejections) more"
        }
        return "rejected \(rejections.count) span\(rejections.count == 1 ? "" : "s"): " + message
    }
}
