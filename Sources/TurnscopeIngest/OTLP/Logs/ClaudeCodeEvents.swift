import TurnscopeModel

/// Claude Code's log events (`claude_code.*`, AGENT-TELEMETRY.md §2) as records: one generation
/// per model call, its prompt's text as the trace input, tool observations for tool decisions
/// and results, and the session marked as Claude Code's.
///
/// A call's id is what its records share across exports: the API's `request_id`, else the
/// client's `client_request_id`, else the session and the `event.sequence` of its `api_request`.
/// Custom endpoints write neither request id, and then a call's span and transcript entry carry
/// no id in common with its events: the store matches those by session, model, usage and time
/// (`ObservationTwin`). Tool observations take the transcript's own ids (`claude-code:<tool use>`)
/// so that both sources fill one row.
enum ClaudeCodeEvents {
    /// The prefix of every id this mapping makes up. The store reads it to know that a row was
    /// made from log events (`ObservationTwin`).
    static let idPrefix = "events:claude-code:"

    /// The records one export's Claude Code events describe, in export order.
    static func records(for logs: [OTLPLogRecord]) -> [Record] {
        var batch = ClaudeCodeEventBatch()
        for log in logs { batch.read(log) }
        return batch.finish()
    }

    /// The generation id of a call: by request id when the record has one, else by session and
    /// sequence number.
    static func generationId(requestId: String?, session: String, sequence: Int64?) -> String? {
        if let requestId { return idPrefix + requestId }
        guard let sequence else { return nil }
        return idPrefix + session + "#" + String(sequence)
    }

    /// Why a call failed, led by its HTTP status as providers' errors are (`529 Overloaded`):
    /// Claude Code 2.1.327 gives the API's message alone (`error` "Overloaded") with `status_code`
    /// 529 beside it, on `api_error` and on the failed `llm_request` span alike, where other builds
    /// wrote the status into the text (`529 {"type":…}`). Nil when there is neither.
    static func failure(_ message: String?, status: Int64?) -> String? {
        let message = message.flatMap { $0.isEmpty ? nil : $0 }
        guard let status else { return message }
        guard let message else { return "HTTP \(status)" }
        return message.hasPrefix(String(status)) ? message : "\(status) \(message)"
    }

    /// The id of a record's call as both its span and its events name it (`request_id`, else
    /// `client_request_id`).
    static func requestId(of log: OTLPLogRecord) -> String? {
        log.text("request_id") ?? log.text("client_request_id")
    }
}
