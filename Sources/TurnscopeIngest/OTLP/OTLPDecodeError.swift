/// Why a whole OTLP export was refused: the body is not an `ExportTraceServiceRequest` at all.
///
/// The collector answers it with `400 Bad Request`, which OTLP exporters do not retry. A body that
/// parses but holds some spans without valid ids is not an error: those spans are counted in
/// `OTLPBatch.rejected` and the rest are kept (OTLP partial success).
public struct OTLPDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in words a person can act on, e.g.
    /// `not an OTLP protobuf ExportTraceServiceRequest: the body is truncated`.
    public let message: String

    /// An error with the given message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
