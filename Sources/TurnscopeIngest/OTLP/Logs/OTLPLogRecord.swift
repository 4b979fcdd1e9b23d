import TurnscopeModel

/// One OTLP log record as both wire forms read it, before an agent's or GenAI's mapping turns it
/// into records. Reading and mapping are kept apart, as for spans, so each mapping is written once.
struct OTLPLogRecord: Sendable {
    /// 32 lowercase hex digits; nil when the record was not emitted inside a span.
    var traceId: String?
    /// 16 lowercase hex digits of the span it was emitted in; nil outside a span.
    var spanId: String?
    /// `time_unix_nano`, else `observed_time_unix_nano` (Codex sends only the latter); 0 when neither.
    var nanos: UInt64
    /// The event's name, resolved as AGENT-TELEMETRY.md §1 says: Claude Code's prefixed body
    /// (`claude_code.api_request`), else the `event.name` attribute, else `LogRecord.event_name`
    /// unless it is a Rust call site (`event otel/src/…`, Codex), else a string body.
    var name: String
    /// The body: a sentence for most agents, a kvlist for GenAI's legacy message events.
    var body: JSONValue
    /// Record attributes; a repeated key keeps its last value.
    var attributes: [String: JSONValue]
    /// The resource and instrumentation scope the record was exported under.
    var source: OTLPSource

    /// The record's time: its timestamp, else its `event.timestamp` attribute.
    var time: Timestamp? {
        OTLPValues.timestamp(nanos: nanos) ?? OTLPValues.timestamp(attributes["event.timestamp"])
    }

    /// Resolves the event name from what the record carries.
    static func name(attribute: JSONValue?, eventName: String, body: JSONValue) -> String {
        let bodyText = body.stringValue ?? ""
        if bodyText.hasPrefix("claude_code.") { return bodyText }
        if let attribute = OTLPValues.text(attribute) { return attribute }
        if !eventName.isEmpty, !eventName.hasPrefix("event ") { return eventName }
        return bodyText.count <= 120 && !bodyText.contains(" ") ? bodyText : ""
    }
}
