import TurnscopeModel

/// The trace records one Gemini CLI export makes: one per trace its records fall in, carrying the
/// session (so the calls land in it even when no span names it) and the prompt, and for the trace
/// of a `gemini_cli.user_prompt`, the prompt's text as its input.
///
/// A record's trace is the one it was emitted in. Records without a trace id fall in a trace per
/// prompt, `events:gemini-cli:<session>:<prompt_id>`, which nothing but these records describes,
/// so it is also named here.
struct GeminiCLITraces {
    private(set) var records: [TraceRecord] = []
    private var position: [String: Int] = [:]

    static let name = "gemini-cli"

    /// The trace of a record: its own, else its prompt's.
    static func traceId(of log: OTLPLogRecord, session: String, promptId: String?) -> String {
        log.traceId ?? promptTraceId(session: session, promptId: promptId)
    }

    /// The synthesized trace of a prompt (of the session, for records that name no prompt).
    static func promptTraceId(session: String, promptId: String?) -> String {
        guard let promptId else { return "events:gemini-cli:\(session)" }
        return "events:gemini-cli:\(session):\(promptId)"
    }

    /// Notes that a record of `session` and `promptId` falls in trace `id`.
    mutating func note(_ id: String, session: String, promptId: String?, time: Timestamp?) {
        let index: Int
        if let known = position[id] {
            index = known
        } else {
            var metadata: [String: JSONValue] = ["agent": .string(Self.name)]
            if let promptId { metadata["promptId"] = .string(promptId) }
            records.append(
                TraceRecord(
                    id: id, name: id.hasPrefix("events:") ? Self.name : nil, sessionId: session,
                    metadata: .object(metadata), eventTime: time))
            position[id] = records.count - 1
            index = records.count - 1
        }
        if let time, records[index].eventTime.map({ $0 < time }) ?? true { records[index].eventTime = time }
    }

    /// A `gemini_cli.user_prompt`: the prompt starts its trace, and its text is the trace's input.
    mutating func prompt(_ event: GeminiCLIEvent, session: String) {
        let id = Self.traceId(of: event.log, session: session, promptId: event.promptId)
        note(id, session: session, promptId: event.promptId, time: event.time)
        guard let index = position[id] else { return }
        records[index].timestamp = event.time
        if let prompt = event.text("prompt") { records[index].input = .messages([.text(.user, prompt)]) }
        if let authType = event.text("auth_type"), case .object(var metadata)? = records[index].metadata {
            metadata["authType"] = .string(authType)
            records[index].metadata = .object(metadata)
        }
    }
}
