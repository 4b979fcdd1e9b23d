/// What a reader found in an export: the spans it could read and why it refused the others.
struct OTLPSpanList: Sendable {
    var spans: [OTLPSpan] = []
    /// One reason per refused span, e.g. `span "eee19b7ec3c1b175": traceId is missing`.
    var rejections: [String] = []

    /// The message for OTLP's `partial_success.error_message`, nil when nothing was refused.
    var rejectionMessage: String? { OTLPRejections.message(rejections, noun: "span") }
}
