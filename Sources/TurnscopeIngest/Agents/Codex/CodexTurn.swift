import TurnscopeModel

/// One Codex turn: a user prompt and the agent loop that answers it, shown as one trace.
struct CodexTurn {
    /// `codex:<session>:<turn_id>`, or `codex:<session>:turn-<n>` for builds that write no turn id.
    let id: String
    /// Codex's own turn id, when it wrote one.
    let turnId: String?
    let timestamp: Timestamp?
    var prompt: String?
    /// The agent's last message: each assistant text as it comes, then `task_complete`'s.
    var output: String?
    /// An error that no model call in flight could carry.
    var failure: String?
    var changed = true

    /// The trace as far as it is known.
    func record(sessionId: String) -> TraceRecord {
        var metadata: [String: JSONValue] = ["agent": "codex"]
        if let turnId { metadata["turnId"] = .string(turnId) }
        if let failure { metadata["error"] = .string(failure) }
        return TraceRecord(
            id: id, name: "codex", sessionId: sessionId, timestamp: timestamp, metadata: .object(metadata),
            input: prompt.map { .json(.string($0)) }, output: output.map { .json(.string($0)) })
    }
}
