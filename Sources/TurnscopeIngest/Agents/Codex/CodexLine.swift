import TurnscopeModel

/// Decodes one rollout line, `{"timestamp", "type", "payload"}` (newer builds add `ordinal`), into
/// a `CodexEvent`. Only the fields the reader uses are checked; a line type or an `event_msg` type
/// it does not know becomes `.ignored`, because Codex adds new ones every few releases.
enum CodexLine {
    /// The line's time and event.
    ///
    /// - Throws: `FieldError` naming the path of a field the reader needs that has the wrong type.
    static func decode(_ value: JSONValue) throws(FieldError) -> (time: Timestamp?, event: CodexEvent) {
        guard case .object(let object) = value else {
            throw FieldError(path: "", reason: "not a JSON object: got \(value.typeName)")
        }
        let line = try FieldReader(value)
        guard case .string(let type)? = object["type"] else {
            if let type = object["type"], type != .null { throw FieldError(path: "type", reason: "expected a string, got \(type.typeName)") }
            return (nil, .ignored)
        }
        guard knownTypes.contains(type) else { return (nil, .ignored) }
        let time = try line.timestamp("timestamp")
        guard let payload = try line.nested("payload") else { throw FieldError(path: "payload", reason: "is required") }
        switch type {
        case "session_meta": return (time, .sessionMeta(try sessionMeta(payload)))
        case "turn_context": return (time, try turnContext(payload))
        case "response_item": return (time, try CodexItem.decode(payload).map(CodexEvent.item) ?? .ignored)
        case "compacted": return (time, try compacted(payload))
        case "event_msg": return (time, try eventMessage(payload))
        case "token_usage_record":
            let usage = try payload.nested("usage").map { (fields) throws(FieldError) in try CodexTokens(fields) }
            return (time, .usageRecord(responseId: try payload.string("response_id"), usage: usage))
        default: return (time, .ignored)
        }
    }

    /// The line types this reader reads; `world_state`, `inter_agent_communication` and newer ones
    /// carry nothing a trace shows.
    private static let knownTypes: Set<String> = [
        "session_meta", "turn_context", "response_item", "compacted", "event_msg", "token_usage_record",
    ]

    private static func sessionMeta(_ payload: FieldReader) throws(FieldError) -> CodexSessionMeta {
        // Newer builds write both `id` and `session_id`; they are the same thread id.
        let sessionId = try payload.string("session_id")
        return CodexSessionMeta(
            id: try payload.string("id") ?? sessionId,
            cwd: try payload.string("cwd"), version: try payload.string("cli_version"),
            originator: try payload.string("originator"), provider: try payload.string("model_provider"),
            baseInstructions: try payload.nested("base_instructions")?.string("text"),
            forkedFrom: try payload.string("forked_from_id"), gitBranch: try payload.nested("git")?.string("branch"))
    }

    private static func turnContext(_ payload: FieldReader) throws(FieldError) -> CodexEvent {
        // Newer builds leave `effort` out and put it in the collaboration mode's settings.
        let modeEffort = try payload.nested("collaboration_mode")?.nested("settings")?.string("reasoning_effort")
        let effort = try payload.string("effort") ?? modeEffort
        return .turnContext(turnId: try payload.string("turn_id"), model: try payload.string("model"), effort: effort)
    }

    private static func compacted(_ payload: FieldReader) throws(FieldError) -> CodexEvent {
        var replacement: [CodexItem]?
        if let history = try payload.array("replacement_history") {
            var items: [CodexItem] = []
            for (index, element) in history.enumerated() {
                let fields = try FieldReader(element, path: "\(payload.path(of: "replacement_history"))[\(index)]")
                if let item = try CodexItem.decode(fields) { items.append(item) }
            }
            replacement = items
        }
        return .compacted(summary: try payload.string("message"), replacement: replacement)
    }

    private static func eventMessage(_ payload: FieldReader) throws(FieldError) -> CodexEvent {
        guard let type = try payload.string("type") else { return .ignored }
        switch type {
        case "token_count":
            guard let info = try payload.nested("info") else { return .tokenCount(nil) }
            let total = try info.nested("total_token_usage").map { (fields) throws(FieldError) in try CodexTokens(fields) }
            let last = try info.nested("last_token_usage").map { (fields) throws(FieldError) in try CodexTokens(fields) }
            return .tokenCount(CodexTokenInfo(total: total, last: last))
        case "task_started":
            return .taskStarted(turnId: try payload.string("turn_id"))
        case "task_complete":
            return .taskComplete(turnId: try payload.string("turn_id"), lastMessage: try payload.string("last_agent_message"))
        case "user_message":
            return try payload.string("message").map(CodexEvent.userMessage) ?? .ignored
        case "error":
            return .failure(try payload.string("message") ?? "error")
        case "turn_aborted":
            let reason = try payload.string("reason") ?? "unknown reason"
            return .failure("turn aborted: \(reason)")
        case "thread_settings_applied":
            // Read leniently: a fallback only, in a shape that has changed between releases.
            let settings = payload.object["thread_settings"]
            return .threadSettings(
                model: settings?["model"]?.stringValue,
                effort: settings?["collaboration_mode"]?["settings"]?["reasoning_effort"]?.stringValue)
        default:
            return .ignored
        }
    }
}
