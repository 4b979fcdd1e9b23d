import TurnscopeModel

/// One event of an ingestion batch, checked: its envelope (CONTRACT.md §3.2) and its body as its
/// type requires (§3.3–§3.5), and the record it yields, if any.
struct LangfuseEvent {
    /// The envelope id, reported back in `successes`.
    let id: String
    /// The event type.
    let type: LangfuseEventType
    /// The envelope timestamp: when the client made the event, which orders merges.
    let timestamp: Timestamp
    /// The record, or nil for `sdk-log` and for bodies without an id.
    let record: Record?

    /// Checks the event at 1-based position `number` of its batch.
    ///
    /// The error names the event as `event N (type body-id)`, as much of that as the event has, so
    /// a person can find it in a batch of hundreds, then the field path and the rule broken.
    init(_ value: JSONValue, number: Int) throws(LangfuseEventError) {
        do throws(FieldError) {
            guard case .object = value else {
                throw FieldError(path: "", reason: "expected an event object, got \(value.typeName)")
            }
            let envelope = try FieldReader(value)
            id = try LangfuseFields.requiredId(envelope, "id")
            guard let typeName = try envelope.string("type") else { throw FieldError(path: "type", reason: "is required") }
            guard let type = LangfuseEventType(rawValue: typeName) else {
                throw FieldError(path: "type", reason: "unknown event type \"\(typeName.prefix(40))\" (\(LangfuseEventType.accepted))")
            }
            if type == .datasetRunItemCreate {
                throw FieldError(path: "type", reason: "dataset-run-item-create is only allowed for Langfuse's internal use")
            }
            self.type = type
            guard let timestamp = try envelope.timestamp("timestamp") else {
                throw FieldError(path: "timestamp", reason: "is required")
            }
            self.timestamp = timestamp
            guard let body = try envelope.nested("body") else { throw FieldError(path: "body", reason: "is required") }
            switch type {
            case .traceCreate:
                record = try TraceRecord.langfuse(body, eventTime: timestamp).map(Record.trace)
            case .scoreCreate:
                // The envelope timestamp is the score's time: ScoreBody has none of its own.
                let score = try ScoreRecord.langfuse(body, timestamp: timestamp)
                record = score.id.isEmpty ? nil : .score(score)
            case .sdkLog:
                // Langfuse logs it and drops it; so does Turnscope (minus the log).
                record = nil
            default:
                record = try ObservationRecord.langfuse(body, type: type, eventTime: timestamp).map(Record.observation)
            }
        } catch {
            // Langfuse reports the envelope id when it is a string, whatever else is wrong.
            throw LangfuseEventError(id: value["id"]?.stringValue ?? "unknown", error: "\(Self.label(value, number)): \(error)")
        }
    }

    /// `event N (type body-id)`, with as much of it as the event has; built only for errors, so
    /// accepted events cost no string work.
    private static func label(_ value: JSONValue, _ number: Int) -> String {
        var label = "event \(number)"
        if let type = value["type"]?.stringValue {
            label += " (\(type.prefix(40))"
            if let bodyId = value["body"]?["id"]?.stringValue { label += " " + shortened(bodyId) }
            label += ")"
        }
        return label
    }

    /// An id short enough for a message: ids may be 800 characters long.
    private static func shortened(_ id: String) -> String {
        id.count <= 48 ? id : id.prefix(47) + "…"
    }
}
