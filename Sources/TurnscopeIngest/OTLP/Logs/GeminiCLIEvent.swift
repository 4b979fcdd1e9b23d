import TurnscopeModel

/// One Gemini CLI log record with the attributes every mapping of it reads (AGENT-TELEMETRY.md
/// §4.2): its session, its prompt, and its `event.timestamp`, which a `gemini_cli.api_*` event
/// and its `gen_ai.client.inference.operation.details` twin share exactly.
///
/// Values are read leniently: numbers may arrive as strings, and a value of the wrong type reads
/// as missing rather than failing the record.
struct GeminiCLIEvent {
    let log: OTLPLogRecord
    /// `session.id` of the record, else of the resource (the CLI sets both).
    let session: String?
    /// `prompt_id`: `<session>########<n>` for the main agent's n-th prompt.
    let promptId: String?
    /// `event.timestamp` as sent (ISO 8601, milliseconds).
    let eventTimestamp: String?

    init(_ log: OTLPLogRecord) {
        self.log = log
        session =
            OTLPValues.text(log.attributes["session.id"]) ?? OTLPValues.text(log.source.resourceAttributes["session.id"])
        promptId = OTLPValues.text(log.attributes["prompt_id"])
        eventTimestamp = OTLPValues.text(log.attributes["event.timestamp"])
    }

    var name: String { log.name }
    var time: Timestamp? { log.time }

    func text(_ key: String) -> String? { OTLPValues.text(log.attributes[key]) }

    /// A count or a duration: an integer, a whole double or a decimal string; nil when negative.
    func count(_ key: String) -> Int64? {
        let value = log.attributes[key]
        if let integer = OTLPValues.integer(value) { return integer >= 0 ? integer : nil }
        if let double = OTLPValues.double(value), double.isFinite, double >= 0, double < 9e15 { return Int64(double.rounded()) }
        return nil
    }

    func bool(_ key: String) -> Bool? { OTLPValues.bool(log.attributes[key]) }

    func value(_ key: String) -> JSONValue? {
        guard let value = log.attributes[key], value != .null else { return nil }
        return value
    }

    /// The record's time minus a duration in milliseconds: when the work it reports began. A
    /// duration past a century is nonsense, not a start time.
    func time(minusMilliseconds duration: Int64?) -> Timestamp? {
        guard let time, let duration, duration <= 3_155_760_000_000 else { return nil }
        return Timestamp(microseconds: time.microseconds - duration * 1_000)
    }
}
