/// The partial-success message OTLP exporters log when a receiver refused part of an export.
enum OTLPRejections {
    /// How many reasons the message quotes; exporters log it, so a few suffice.
    static let quoted = 3

    /// `rejected 2 spans: …; …`, nil when nothing was refused.
    static func message(_ rejections: [String], noun: String) -> String? {
        guard !rejections.isEmpty else { return nil }
        var message = rejections.prefix(quoted).joined(separator: "; ")
        if rejections.count > quoted { message += "; and \(rejections.count - quoted) more" }
        return "rejected \(rejections.count) \(noun)\(rejections.count == 1 ? "" : "s"): " + message
    }
}
