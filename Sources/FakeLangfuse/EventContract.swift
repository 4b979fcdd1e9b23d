import TurnscopeModel

/// The batch-ingestion schema (openapi.yml `IngestionEvent` and its bodies) as checks on one event:
/// nil when it is valid, else why not.
enum EventContract {
    static let types: Set<String> = [
        "trace-create", "score-create", "span-create", "span-update", "generation-create", "generation-update",
        "event-create", "sdk-log", "observation-create", "observation-update", "agent-create", "tool-create",
        "chain-create", "retriever-create", "evaluator-create", "embedding-create", "guardrail-create",
    ]
    static let observationTimes = ["startTime", "endTime", "completionStartTime"]

    static func problem(_ event: JSONValue) -> String? {
        guard let object = event.objectValue else { return "an event is not an object" }
        guard let id = object["id"]?.stringValue, !id.isEmpty else { return "an event has no string id" }
        guard let type = object["type"]?.stringValue, types.contains(type) else {
            return "event \(id): type \(object["type"]?.jsonString ?? "missing") is not an ingestion event type"
        }
        guard let timestamp = object["timestamp"]?.stringValue, Timestamp(iso8601: timestamp) != nil else {
            return "event \(id): timestamp is not an ISO 8601 time with a zone"
        }
        guard let body = object["body"]?.objectValue else { return "event \(id): body is not an object" }
        guard let bodyId = body["id"]?.stringValue, !bodyId.isEmpty else { return "event \(id): body.id is missing" }
        for key in observationTimes + ["timestamp"] {
            if let value = body[key], value != .null, value.stringValue.flatMap({ Timestamp(iso8601: $0) }) == nil {
                return "event \(id): body.\(key) is not an ISO 8601 time"
            }
        }
        if let tags = body["tags"], tags.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
            return "event \(id): body.tags is not a string array"
        }
        for key in ["usageDetails", "costDetails"] {
            if let details = body[key], details.objectValue?.values.allSatisfy({ $0.doubleValue != nil }) != true {
                return "event \(id): body.\(key) is not an object of numbers"
            }
        }
        if (body["promptName"] == nil) != (body["promptVersion"] == nil) {
            return "event \(id): promptName and promptVersion must come together"
        }
        if type == "score-create" {
            guard body["name"]?.stringValue != nil else { return "event \(id): a score needs a name" }
            switch body["value"] {
            case .number?, .integer?, .string?: break
            default: return "event \(id): a score's value must be a number or a string"
            }
            if body["traceId"] == nil, body["sessionId"] == nil, body["observationId"] == nil {
                return "event \(id): a score needs a traceId, sessionId or observationId"
            }
        }
        if type != "trace-create", type != "score-create", type != "sdk-log", type.hasSuffix("-create"),
            body["traceId"]?.stringValue == nil
        {
            return "event \(id): an observation without traceId is stored under a random trace"
        }
        return nil
    }
}
