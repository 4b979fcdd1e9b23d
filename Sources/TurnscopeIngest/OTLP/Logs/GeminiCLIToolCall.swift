import TurnscopeModel

/// A `gemini_cli.tool_call` event as a tool observation: the function's name, its arguments as
/// input (`function_args`, when prompts are logged), its duration, and success as the level.
///
/// The event has no call id (Gemini returns none, and the CLI's own `callId` appears only on the
/// `tool_call` span) and no output (the result reaches the log only in the next `request_text`).
/// Its id is therefore built from what the event itself fixes: session, prompt, function and
/// start time, so that a re-exported event names the same observation.
struct GeminiCLIToolCall {
    static let eventName = "gemini_cli.tool_call"

    let event: GeminiCLIEvent
    let name: String
    let start: Timestamp?
    let end: Timestamp?

    init(_ event: GeminiCLIEvent) {
        self.event = event
        name = event.text("function_name") ?? "tool"
        end = Self.epochMilliseconds(event.count("end_time")) ?? event.time
        start =
            Self.epochMilliseconds(event.count("start_time")) ?? event.time(minusMilliseconds: event.count("duration_ms")) ?? end
    }

    /// `start_time` and `end_time`, epoch milliseconds in the CLI's source; nil when too large to be one.
    private static func epochMilliseconds(_ value: Int64?) -> Timestamp? {
        guard let value, value < 1_000_000_000_000_000 else { return nil }
        return Timestamp(microseconds: value * 1_000)
    }

    /// `events:gemini-cli:<session>:<prompt_id>:<function>:<start>`; the start is the record's
    /// `event.timestamp` only when no time at all could be read.
    func id(session: String) -> String {
        let stamp = start?.iso8601 ?? event.eventTimestamp ?? "?"
        return "events:gemini-cli:\(session):\(event.promptId ?? ""):\(name):\(stamp)"
    }

    func record(session: String, traceId: String, parentId: String?) -> ObservationRecord {
        var record = ObservationRecord(
            id: id(session: session), traceId: traceId, parentId: parentId, kind: .tool, name: name, startTime: start,
            endTime: end, eventTime: event.time)
        if let arguments = event.value("function_args") {
            // Pretty-printed JSON text: kept as the object it encodes, or as text when it is not JSON.
            record.input = .json(PayloadNormalizer.arguments(arguments))
        }
        if event.text("decision") == "reject" {
            // The user said no: nothing failed, but the call did not run.
            record.level = .warning
            record.statusMessage = event.text("error") ?? "rejected"
        } else if event.bool("success") == false {
            record.level = .error
            record.statusMessage = event.text("error") ?? event.text("error_type") ?? "tool call failed"
        }
        var metadata: [String: JSONValue] = ["agent": .string(SessionSource.geminiCLI)]
        if let promptId = event.promptId { metadata["promptId"] = .string(promptId) }
        for (key, name) in [
            ("decision", "decision"), ("tool_type", "toolType"), ("mcp_server_name", "mcpServer"),
            ("error_type", "errorType"),
        ] {
            if let value = event.text(key) { metadata[name] = .string(value) }
        }
        record.metadata = .object(metadata)
        return record
    }
}
