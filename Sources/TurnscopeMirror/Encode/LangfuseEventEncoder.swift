import TurnscopeModel

/// Records → Langfuse batch-ingestion events: for servers without the OTLP endpoint (Langfuse v2),
/// and for scores, which every Langfuse takes on `/api/public/ingestion`.
///
/// Bodies use the ids `UpstreamIds` gives, as the OTLP encoder does, so both protocols name the
/// same upstream record. Event ids derive from the record and its revision: a retried batch is
/// deduplicated upstream, a newer revision merges over the older one.
public enum LangfuseEventEncoder {
    /// A `trace-create` for each trace, then a create event per observation.
    public static func events(_ traces: [OutgoingTrace], options: EncodeOptions, now: Timestamp) -> [JSONValue] {
        traces.flatMap { outgoing in
            [traceEvent(outgoing, options: options, now: now)]
                + outgoing.observations.map { observationEvent($0, of: outgoing, options: options, now: now) }
        }
    }

    /// A `score-create` per score.
    public static func events(_ scores: [OutgoingScore], now: Timestamp) -> [JSONValue] {
        scores.map { outgoing in
            let score = outgoing.score
            var body: [String: JSONValue] = ["id": .string(score.id), "name": .string(score.name), "value": score.value.json]
            body["traceId"] = score.traceId.map { .string(UpstreamIds.trace($0)) }
            body["observationId"] = score.observationId.map { .string(UpstreamIds.span($0)) }
            body["sessionId"] = score.sessionId.map(JSONValue.string)
            body["dataType"] = score.dataType.map(JSONValue.string)
            body["comment"] = score.comment.map(JSONValue.string)
            body["metadata"] = score.metadata
            body["environment"] = score.environment.map(JSONValue.string)
            return envelope("score-create", id: UpstreamIds.event(score.id, kind: "score", revision: outgoing.revision), now: now, body: body)
        }
    }

    /// `{"batch": […], "metadata": {…}}` as UTF-8 JSON.
    public static func batch(_ events: [JSONValue]) -> [UInt8] {
        JSONValue.object([
            "batch": .array(events),
            "metadata": ["sdk_name": "turnscope", "sdk_integration": "mirror", "batch_size": .integer(Int64(events.count))],
        ]).jsonBytes
    }

    static func traceEvent(_ outgoing: OutgoingTrace, options: EncodeOptions, now: Timestamp) -> JSONValue {
        let trace = outgoing.trace
        var body: [String: JSONValue] = ["id": .string(UpstreamIds.trace(trace.id))]
        body["name"] = trace.name.map(JSONValue.string)
        body["userId"] = trace.userId.map(JSONValue.string)
        body["sessionId"] = trace.sessionId.map(JSONValue.string)
        body["timestamp"] = trace.timestamp.map { .string($0.iso8601) }
        body["tags"] = trace.tags.map { .array($0.map(JSONValue.string)) }
        body["metadata"] = trace.metadata
        body["release"] = trace.release.map(JSONValue.string)
        body["version"] = trace.version.map(JSONValue.string)
        body["environment"] = trace.environment.map(JSONValue.string)
        if outgoing.includesTraceFields {
            body["input"] = trace.input.map { ChatJSON.value($0, redact: options.redact) }
            body["output"] = trace.output.map { ChatJSON.value($0, redact: options.redact) }
            body["public"] = trace.isPublic.map(JSONValue.bool)
        }
        return envelope("trace-create", id: UpstreamIds.event(trace.id, kind: "trace", revision: outgoing.revision), now: now, body: body)
    }

    /// Older servers know generations, spans and events only: other kinds go as spans.
    static func eventType(_ kind: ObservationKind?) -> String {
        switch kind {
        case .generation?, .embedding?: "generation-create"
        case .event?: "event-create"
        default: "span-create"
        }
    }

    static func observationEvent(_ observation: ObservationRecord, of outgoing: OutgoingTrace, options: EncodeOptions, now: Timestamp) -> JSONValue {
        var body: [String: JSONValue] = [
            "id": .string(UpstreamIds.span(observation.id)), "traceId": .string(UpstreamIds.trace(outgoing.trace.id)),
        ]
        body["parentObservationId"] = observation.parentId.map { .string(UpstreamIds.span($0)) }
        body["name"] = observation.name.map(JSONValue.string)
        body["startTime"] = observation.startTime.map { .string($0.iso8601) }
        body["endTime"] = observation.endTime.map { .string($0.iso8601) }
        body["completionStartTime"] = observation.completionStartTime.map { .string($0.iso8601) }
        body["model"] = observation.model.map(JSONValue.string)
        body["modelParameters"] = observation.parametersWithTools.map(JSONValue.object)
        body["input"] = observation.input.map { ChatJSON.value($0, redact: options.redact) }
        body["output"] = observation.output.map { ChatJSON.value($0, redact: options.redact) }
        body["metadata"] = observation.metadata
        if let usage = observation.usage, !usage.isEmpty { body["usageDetails"] = .object(UsageDetails.usage(usage)) }
        if let cost = observation.cost, cost.effectiveTotal != nil {
            body["costDetails"] = .object(UsageDetails.cost(cost, usage: observation.usage))
        }
        body["level"] = observation.level.map { .string($0.rawValue) }
        body["statusMessage"] = observation.statusMessage.map(JSONValue.string)
        body["version"] = observation.version.map(JSONValue.string)
        body["environment"] = observation.environment.map(JSONValue.string)
        let type = eventType(observation.kind)
        return envelope(
            type, id: UpstreamIds.event(observation.id, kind: "observation", revision: outgoing.revision), now: now, body: body)
    }

    static func envelope(_ type: String, id: String, now: Timestamp, body: [String: JSONValue]) -> JSONValue {
        ["id": .string(id), "type": .string(type), "timestamp": .string(now.iso8601), "body": .object(body)]
    }
}
