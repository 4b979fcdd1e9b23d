import TurnscopeModel

/// The Codex CLI's log events (`codex.*`, AGENT-TELEMETRY.md §3) as records: one generation per
/// model call (the `codex.sse_event` of kind `response.completed` that carries token counts), one
/// failed generation per HTTP attempt that failed, tool observations with arguments and output
/// (`codex.tool_result`), the prompt text as the trace input, and the session (the conversation)
/// marked as Codex's.
///
/// Codex logs no request id, and its usage record names no span: a call's id is the
/// conversation and the time of its usage record. The store matches it to the same call's span
/// (`handle_responses`, in the trace the turn's other events name) and transcript entry by
/// session, usage and time (`ObservationTwin`). Tool observations take the transcript's ids
/// (`codex:<conversation>:<call id>`).
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
