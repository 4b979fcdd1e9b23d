import TurnscopeModel

/// The state of one rollout being read, and how each event changes it. Applying never fails:
/// `CodexLine` has checked the fields already.
struct CodexRollout {
    var session: CodexSessionInfo
    /// Every item of the conversation so far as the model is sent it, one message per item, with
    /// the base instructions first as the system message. Each call's prompt is a copy of it.
    var history: [Message] = []
    var hasSystemMessage = false
    var turn: CodexTurn?
    /// Turns named by the reader because the build wrote no turn id.
    var unnamedTurns = 0
    var turnModel: String?
    var turnEffort: String?
    var threadModel: String?
    var threadEffort: String?
    /// The model call whose output is being read, or that waits for its `token_count`.
    var call: CodexModelCall?
    var calls = 0
    /// When the next call's request went out, as near as the rollout tells: the last input item
    /// or the turn's start.
    var callStart: Timestamp?
    /// The running total of the last `token_count` counted.
    var totals: CodexTokens?
    /// Tool calls waiting for their answer, by call id.
    var tools: [String: CodexToolRun] = [:]
    var toolCount = 0

    init(sessionId: String) {
        session = CodexSessionInfo(id: sessionId)
    }

    /// Applies one line's event, returning the records it completes or changes.
    mutating func apply(_ event: CodexEvent, at time: Timestamp?) -> [Record] {
        var out: [Record] = []
        switch event {
        case .sessionMeta(let meta):
            sessionMeta(meta, into: &out)
        case .turnContext(let turnId, let model, let effort):
            if let turnId { beginTurn(turnId, at: time, into: &out) }
            if let model { turnModel = model }
            turnEffort = effort
        case .item(let item):
            if item.side == .output { output(item, at: time, into: &out) } else { input(item, at: time, into: &out) }
        case .compacted(let summary, let replacement):
            compact(summary: summary, replacement: replacement)
        case .tokenCount(let info):
            tokenCount(info, at: time, into: &out)
        case .usageRecord(let responseId, let usage):
            guard call != nil else { break }
            if let responseId { call?.responseId = responseId }
            if let usage { call?.recordUsage = usage.usage }
            call?.recordTime = time
            call?.changed = true
        case .taskStarted(let turnId):
            if let turnId { beginTurn(turnId, at: time, into: &out) }
            if let time { callStart = time }
        case .taskComplete(let turnId, let lastMessage):
            guard turn != nil, turnId == nil || turnId == turn?.turnId else { break }
            if let lastMessage { turn?.output = lastMessage }
            turn?.changed = true
            emitTurn(into: &out)
        case .userMessage(let text):
            // The response item carries the prompt; this event stands in only when it did not.
            guard turn != nil, turn?.prompt == nil, !CodexPromptText.isContext(text) else { break }
            turn?.prompt = text
            turn?.changed = true
            emitTurn(into: &out)
        case .failure(let message):
            if call != nil, call?.inputFollowed == false {
                call?.failure = message
                call?.changed = true
            } else if turn != nil {
                // No call is producing output: the failure belongs to the turn, not to a call.
                turn?.failure = message
                turn?.changed = true
            }
        case .threadSettings(let model, let effort):
            if let model { threadModel = model }
            if let effort { threadEffort = effort }
        case .ignored:
            break
        }
        return out
    }

    /// The records held back: the turn if it changed, the open call, and tool calls still
    /// waiting for an answer that were not handed out yet.
    mutating func flush() -> [Record] {
        var out: [Record] = []
        emitTurn(into: &out)
        if call?.changed == true, let open = call {
            call?.changed = false
            out.append(.observation(open.record(metadata: session.metadata)))
        }
        let waiting = tools.values.filter { !$0.handedOut }.sorted { $0.sequence < $1.sequence }
        for run in waiting {
            tools[run.call.id ?? ""]?.handedOut = true
            out.append(.observation(run.record))
        }
        return out
    }

    // MARK: - Session and conversation

    private mutating func sessionMeta(_ meta: CodexSessionMeta, into out: inout [Record]) {
        // A fork replays its parent's lines after its own `session_meta`; the first one names the file.
        guard !session.metaRead else { return }
        session.read(meta)
        if let text = meta.baseInstructions, !text.isEmpty, !hasSystemMessage {
            history.insert(.text(.system, text), at: 0)
            hasSystemMessage = true
        }
        out.append(.session(session.record))
    }

    private mutating func compact(summary: String?, replacement: [CodexItem]?) {
        let system = hasSystemMessage ? [history[0]] : []
        if let replacement {
            history = system + replacement.map(\.message)
        } else {
            // Older builds compact locally: the new history is the initial context, the user's
            // messages and the summary, as Codex rebuilds it.
            history = history.filter { $0.role == .system || $0.role == .developer || $0.role == .user }
            if let summary { history.append(.text(.user, summary)) }
        }
    }

    private mutating func output(_ item: CodexItem, at time: Timestamp?, into out: inout [Record]) {
        if call?.inputFollowed == true {
            // No `token_count` closed the previous call (a build that does not persist them).
            close(end: nil, usage: nil, into: &out)
        }
        let traceId = currentTurn(at: time, into: &out)
        if call == nil { call = newCall(traceId: traceId, at: time, firstOutput: time) }
        call?.parts.append(contentsOf: item.message.parts)
        if let time { call?.lastOutputTime = time }
        call?.changed = true
        history.append(item.message)
        if let toolCall = item.toolCall, let callId = toolCall.id, let parentId = call?.id {
            toolCount += 1
            tools[callId] = CodexToolRun(
                id: "codex:\(session.id):\(callId)", parentId: parentId, traceId: traceId, call: toolCall, startTime: time,
                sequence: toolCount)
        }
        if let text = item.assistantText {
            turn?.output = text
            turn?.changed = true
        }
    }

    private mutating func input(_ item: CodexItem, at time: Timestamp?, into out: inout [Record]) {
        call?.inputFollowed = true
        if let time { callStart = time }
        history.append(item.message)
        if let result = item.toolResult, let callId = result.callId, var run = tools.removeValue(forKey: callId) {
            run.result = result
            run.endTime = time
            out.append(.observation(run.record))
        }
        if let prompt = item.promptText { userPrompt(prompt, at: time, into: &out) }
    }

    private mutating func userPrompt(_ prompt: String, at time: Timestamp?, into out: inout [Record]) {
        // Without turn ids from Codex, each prompt after the first starts the next turn.
        if turn == nil || (turn?.turnId == nil && turn?.prompt != nil) { startUnnamedTurn(at: time, into: &out) }
        if turn?.prompt == nil {
            turn?.prompt = prompt
            turn?.changed = true
            emitTurn(into: &out)
        }
        if session.label == nil {
            session.label = CodexPromptText.label(prompt)
            out.append(.session(session.record))
        }
    }
}
