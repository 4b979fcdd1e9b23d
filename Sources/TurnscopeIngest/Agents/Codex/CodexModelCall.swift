import TurnscopeModel

/// One model call being read: the items the model wrote since the last input item, until the
/// `token_count` that reports its usage closes it.
struct CodexModelCall {
    /// `codex:<session>:<n>`, n counting the file's calls from 1. The response id cannot be the
    /// id: it arrives (in a `token_usage_record`) only after the output started, and older builds
    /// never write it, while a flush may already have handed the call out.
    let id: String
    let traceId: String
    /// The conversation as it was sent, system message first (a copy-on-write copy of the history).
    let prompt: [Message]
    let startTime: Timestamp?
    /// When the first output item was written; nil for a call seen only through its usage.
    let completionStartTime: Timestamp?
    let model: String?
    let effort: String?
    /// The parts of every output item, in order: reasoning, text, tool calls.
    var parts: [MessagePart] = []
    var lastOutputTime: Timestamp?
    /// Set once an input item (a tool's answer, a user message) followed the output: the next
    /// output item then belongs to another call.
    var inputFollowed = false
    var responseId: String?
    /// The usage a `token_usage_record` reported; used only when no `token_count` closes the call,
    /// so that the two, which repeat each other, are never both counted.
    var recordUsage: Usage?
    var recordTime: Timestamp?
    var usage: Usage?
    var endTime: Timestamp?
    var failure: String?
    /// Whether something changed since the call was last handed out.
    var changed = true

    init(
        id: String, traceId: String, prompt: [Message], startTime: Timestamp?, completionStartTime: Timestamp?,
        model: String?, effort: String?
    ) {
        self.id = id
        self.traceId = traceId
        self.prompt = prompt
        self.startTime = startTime
        self.completionStartTime = completionStartTime
        self.model = model
        self.effort = effort
    }

    /// The generation as far as it is known. `metadata` is the session's part (agent, version,
    /// cwd, …), shared by every call.
    func record(metadata: [String: JSONValue]) -> ObservationRecord {
        var metadata = metadata
        if let responseId { metadata["responseId"] = .string(responseId) }
        return ObservationRecord(
            id: id, traceId: traceId, kind: .generation, name: "codex", startTime: startTime,
            endTime: endTime ?? recordTime ?? lastOutputTime, completionStartTime: completionStartTime, model: model,
            modelParameters: effort.map { ["reasoning_effort": .string($0)] }, input: .messages(prompt),
            output: parts.isEmpty ? nil : .messages([Message(role: .assistant, parts: parts)]),
            metadata: metadata.isEmpty ? nil : .object(metadata), usage: usage ?? recordUsage,
            level: failure == nil ? nil : .error, statusMessage: failure)
    }
}
