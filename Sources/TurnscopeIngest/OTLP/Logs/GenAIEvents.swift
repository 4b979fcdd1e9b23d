import TurnscopeModel

/// Maps OTel GenAI log events (AGENT-TELEMETRY.md §5) onto the model call they describe.
///
/// Both forms are read: the current `gen_ai.client.inference.operation.details` (one event per
/// call, name in `LogRecord.event_name` or attribute `event.name`), and the legacy per-message
/// events (`gen_ai.{system,user,assistant,tool}.message`, `gen_ai.choice`). A call is its span:
/// events emitted in it carry its trace and span ids, so the update they make has the span's id,
/// the id the span mapping gives its observation, and no kind, which the span decides. The store
/// merges the two whichever arrives first.
///
/// Events without a span id are grouped by trace id into calls of their own (a details event is
/// one call; legacy events, one call per run of prompt messages and the choices after them), with
/// `events:gen_ai:` ids that the same events give again when re-exported. Events with no ids at
/// all are left out: nothing ties them to a call, and nothing would make their id stable across
/// an exporter's retries. Other `gen_ai.*` events are acknowledged and not stored.
enum GenAIEvents {
    static func records(for logs: [OTLPLogRecord]) -> [Record] {
        var calls: [GenAICall] = []
        var position: [String: Int] = [:]
        // The call that the next legacy event of a trace without span ids continues.
        var openLegacyCall: [String: Int] = [:]
        var conversations: [(traceId: String, conversationId: String, time: Timestamp?)] = []

        for log in logs {
            let details = log.name == OTLPPayloads.inferenceDetailsEvent ? GenAIOperationDetails(log.attributes) : nil
            let legacy = details == nil ? GenAILegacyMessage(name: log.name, body: log.body) : nil
            guard details != nil || legacy != nil else { continue }
            let time = log.time

            func call(_ id: String, isSpan: Bool) -> Int {
                if let index = position[id] { return index }
                calls.append(GenAICall(id: id, traceId: log.traceId, isSpan: isSpan))
                position[id] = calls.count - 1
                return calls.count - 1
            }
            let index: Int
            if let spanId = log.spanId {
                index = call(spanId, isSpan: true)
            } else if let traceId = log.traceId {
                // The event's own time (or response id) names the call, so a retried export
                // names it again; the position in the export is the last resort.
                let stamp = time.map { String($0.microseconds) } ?? "\(calls.count)"
                if let details {
                    index = call("events:gen_ai:\(traceId):\(details.responseId ?? stamp)", isSpan: false)
                } else if let open = openLegacyCall[traceId], !(calls[open].hasChoice && legacy?.isChoice == false) {
                    index = open
                } else {
                    // A prompt message after a choice starts the trace's next call.
                    index = call("events:gen_ai:\(traceId):\(stamp)", isSpan: false)
                    openLegacyCall[traceId] = index
                }
            } else {
                continue
            }

            if let details {
                calls[index].add(details, at: time)
            } else if let legacy {
                calls[index].add(legacy, at: time)
            }
            let conversationId = details?.conversationId ?? OTLPValues.text(log.attributes["gen_ai.conversation.id"])
            if let traceId = log.traceId, let conversationId {
                conversations.append((traceId, conversationId, time))
            }
        }

        // The conversation is the session, as the span mapping reads it from the span.
        var records: [Record] = []
        var seenTraces: Set<String> = []
        for (traceId, conversationId, time) in conversations where seenTraces.insert(traceId).inserted {
            records.append(.trace(TraceRecord(id: traceId, sessionId: conversationId, eventTime: time)))
        }
        records += calls.map { .observation($0.record) }
        return records
    }
}
