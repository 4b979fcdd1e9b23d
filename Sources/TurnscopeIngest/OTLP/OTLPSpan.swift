import TurnscopeModel

/// One span as both wire forms (protobuf and JSON) read it, before it becomes records.
///
/// Reading and mapping are kept apart so the Langfuse/GenAI/OpenInference mapping is written once:
/// the readers only validate ids and turn OTLP `AnyValue`s into `JSONValue`s.
struct OTLPSpan: Sendable {
    /// A span event; only a few are read (`exception`, GenAI inference details).
    struct Event: Sendable {
        var name: String
        var attributes: [String: JSONValue]
        /// Nanoseconds since the epoch; 0 when the exporter left it out.
        var timeNanos: UInt64 = 0
    }

    /// 32 lowercase hex digits.
    var traceId: String
    /// 16 lowercase hex digits.
    var spanId: String
    /// 16 lowercase hex digits; nil for a root span (absent, empty or all zeros).
    var parentId: String?
    var name: String
    /// Nanoseconds since the epoch; 0 when the exporter left it out.
    var startNanos: UInt64
    var endNanos: UInt64
    /// OTLP `Status.code`: 0 unset, 1 ok, 2 error.
    var statusCode: Int
    var statusMessage: String
    /// Span attributes; when a key repeats, the last value wins (OTLP leaves it undefined).
    var attributes: [String: JSONValue]
    var events: [Event]
    /// The resource and instrumentation scope the span was exported under.
    var source: OTLPSource
}
