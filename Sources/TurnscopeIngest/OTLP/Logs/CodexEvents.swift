import TurnscopeModel

/// The Codex CLI's log events (`codex.*`, AGENT-TELEMETRY.md §3) as records: one generation per
/// model call (the `codex.sse_event` of kind `response.completed` that carries token counts), one
/// failed generation per HTTP attempt that failed, tool observations with arguments and output
/// (`codex.tool_result`), the prompt text as the trace input, and the session (the conversation)
/// marked as Codex's.
///
/// Codex logs no request id. With its trace exporter on, a call's `codex.api_request` carries the
/// span id of the model request's span (`run_sampling_request`), and the call takes that id, so
/// that its span and its events fill one row; without it the id is the conversation and the time
/// of the usage record. Either way the store matches the call to the transcript's copy by
/// session, model, usage and time (`ObservationTwin`). Tool observations take the transcript's
/// ids (`codex:<conversation>:<call id>`).
enum CodexEvents {
    /// The prefix of every id this mapping makes up (`ObservationTwin` reads it).
    static let idPrefix = "events:codex:"

    /// The records one export's Codex events describe, in export order.
    static func records(for logs: [OTLPLogRecord]) -> [Record] {
        var batch = CodexEventBatch()
        for log in logs { batch.read(log) }
        return batch.records
    }
}
