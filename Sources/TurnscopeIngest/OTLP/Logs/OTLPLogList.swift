/// What a reader found in a logs export: the records it could read and why it refused the others.
struct OTLPLogList: Sendable {
    var records: [OTLPLogRecord] = []
    /// One reason per refused record, e.g. `log record 3: spanId has 4 bytes, expected 8`.
    var rejections: [String] = []

    /// The message for OTLP's `partial_success.error_message`, nil when nothing was refused.
    var rejectionMessage: String? { OTLPRejections.message(rejections, noun: "log record") }

    /// The trace and span ids of a record, or nil after noting why the record is refused. Both may
    /// be absent (a record emitted outside any span), but not malformed: a wrong id would attach
    /// the record's text to another call.
    static func ids(
        trace: OTLPIdentifier.Outcome, span: OTLPIdentifier.Outcome, label: String, rejections: inout [String]
    ) -> (trace: String?, span: String?)? {
        var reasons: [String] = []
        for outcome in [trace, span] { if case .malformed(let why) = outcome { reasons.append(why) } }
        guard reasons.isEmpty else {
            rejections.append("\(label): " + reasons.joined(separator: ", "))
            return nil
        }
        func id(_ outcome: OTLPIdentifier.Outcome) -> String? { if case .id(let id) = outcome { id } else { nil } }
        return (id(trace), id(span))
    }
}
