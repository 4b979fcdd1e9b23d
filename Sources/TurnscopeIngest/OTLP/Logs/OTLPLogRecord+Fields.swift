import TurnscopeModel

/// Typed reads of a log record's attributes. Agents send numbers as ints, doubles or strings
/// depending on the event and the version (AGENT-TELEMETRY.md §2.2), so every read is lenient.
extension OTLPLogRecord {
    /// A text attribute of the record, else of its resource (Gemini CLI puts `session.id` there).
    func text(_ key: String) -> String? {
        OTLPValues.text(attributes[key]) ?? OTLPValues.text(source.resourceAttributes[key])
    }

    /// An integer attribute, from an int, a whole double or a decimal string.
    func integer(_ key: String) -> Int64? {
        if let value = OTLPValues.integer(attributes[key]) { return value }
        return OTLPValues.double(attributes[key]).flatMap { $0.isFinite ? Int64(exactly: $0.rounded()) : nil }
    }

    /// A numeric attribute.
    func double(_ key: String) -> Double? { OTLPValues.double(attributes[key]) }

    /// A boolean attribute: `true`, `"true"` or `"True"` (Codex's Rust `Debug` form).
    func flag(_ key: String) -> Bool? { OTLPValues.bool(attributes[key]) }

    /// A text attribute that holds JSON (tool inputs and raw API bodies), parsed; text that does
    /// not parse stays text.
    func json(_ key: String) -> JSONValue? {
        guard let value = attributes[key], value != .null else { return nil }
        return OTLPValues.decoded(value)
    }

    /// The record's time less `duration_ms`: when a call or tool that is logged at its end began.
    func start(durationKey key: String = "duration_ms") -> Timestamp? {
        guard let end = time else { return nil }
        guard let duration = double(key), duration.isFinite, duration >= 0 else { return end }
        return Timestamp(microseconds: end.microseconds - Int64(duration * 1_000))
    }

    /// A timestamp `milliseconds` after `start` (time to first token).
    static func offset(_ start: Timestamp?, milliseconds: Double?) -> Timestamp? {
        guard let start, let milliseconds, milliseconds.isFinite, milliseconds >= 0 else { return nil }
        return Timestamp(microseconds: start.microseconds + Int64(milliseconds * 1_000))
    }
}
