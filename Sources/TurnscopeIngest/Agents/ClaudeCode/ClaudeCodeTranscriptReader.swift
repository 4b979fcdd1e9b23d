import TurnscopeModel

/// Reads a Claude Code transcript (`~/.claude/projects/<project>/<session>.jsonl`, and the
/// sub-agent files under `<session>/subagents/`) into traces, generations, tool observations and
/// session records.
///
/// - One generation per model response, id `claude-code:<message.id>`, merged from the one line
///   per content block Claude Code writes; held back until a line that does not continue it, or
///   `flush()`.
/// - Its prompt as sent: rebuilt from the `api-request` lines of recent versions, else along the
///   `parentUuid` chain. Tool calls pair with their results as tool observations.
/// - One trace per user prompt (`claude-code:<sessionId>:<promptId>`), one per sub-agent
///   (`claude-code:<sessionId>:agent:<agentId>`), and a session record with the working
///   directory, the first typed prompt as label and Claude Code's own reported cost.
///
/// See FORMATS.md §3 for the format.
public struct ClaudeCodeTranscriptReader: TranscriptReader {
    /// The sub-agent a file under `subagents/` (or an older `agent-*.jsonl`) belongs to.
    let fileAgentId: String?
    /// The session a file belongs to by its path, for lines written before any names it.
    let fileSessionId: String?
    /// Whether the file holds one sub-agent's conversation.
    let isSubagentFile: Bool

    var sessionId: String?
    var response: ClaudeResponse?
    var conversation = ClaudeConversation()
    var requests = ClaudeRequestLog()
    var prompts = ClaudePrompts()
    var sessions = ClaudeSessions()
    var tools = ClaudeToolCalls()

    /// A reader for the file at `path`; the path tells a sub-agent's file from a session's.
    public init(path: String) {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var name = components.last ?? ""
        if name.hasSuffix(".jsonl") { name.removeLast(6) }
        isSubagentFile = path.contains("/subagents/")
        fileAgentId = name.hasPrefix("agent-") ? String(name.dropFirst(6)) : nil
        if isSubagentFile, let index = components.lastIndex(of: "subagents"), index > 0 {
            fileSessionId = components[index - 1]
        } else {
            fileSessionId = fileAgentId == nil && !name.isEmpty ? name : nil
        }
    }

    /// Reads one line; see `TranscriptReader`.
    public mutating func read(line: UnsafeRawBufferPointer, number: Int) throws(TranscriptLineError) -> [Record] {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return [] }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw TranscriptLineError("malformed JSON at column \(error.column): \(error.reason)")
        }
        guard case .object = value else {
            throw TranscriptLineError("malformed JSON: expected an object, got \(value.typeName)")
        }
        let entry: ClaudeEntry
        do {
            entry = try ClaudeEntry(value)
        } catch {
            throw TranscriptLineError(error.description)
        }
        var records: [Record] = []
        apply(entry, into: &records)
        return records
    }

    /// Hands out the response still being assembled; see `TranscriptReader`.
    public mutating func flush() -> [Record] {
        var records: [Record] = []
        sendResponse(into: &records)
        return records
    }

    private mutating func apply(_ entry: ClaudeEntry, into records: inout [Record]) {
        if case .assistant(let line, let assistant) = entry, response?.isContinued(by: assistant.messageId) == true {
            response?.add(line, assistant)
            link(line, .assistant(messageId: assistant.messageId, parts: assistant.parts))
            return
        }
        sendResponse(into: &records)
        switch entry {
        case .user(let line, let user):
            readUser(line, user, into: &records)
        case .assistant(let line, let assistant):
            readAssistant(line, assistant, into: &records)
        case .link(let line):
            if let sessionId = session(of: line) { sessions.saw(sessionId, cwd: line.cwd, into: &records) }
            link(line, .none)
        case .requestShape(let hash, let system):
            requests.addShape(hash: hash, system: system)
        case .requestBlob(let hash, let message):
            requests.addBlob(hash: hash, message: message)
        case .request(let id, let request):
            requests.addRequest(id: id, request)
        case .costState(let sessionId, let total):
            sessions.reported(sessionId, cost: total, into: &records)
        case .ignored:
            break
        }
    }

    // MARK: - Lines

    private mutating func readUser(_ line: ClaudeLine, _ user: ClaudeUserLine, into records: inout [Record]) {
        link(line, .user(user.message))
        tools.answered(in: user.message, at: line.timestamp, into: &records)
        guard let sessionId = session(of: line) else { return }
        sessions.saw(sessionId, cwd: line.cwd, into: &records)

        let text = user.isMeta || user.isCompactSummary ? nil : ClaudeContent.promptText(user.message)
        let isPrompt = text.map { !ClaudeContent.isLocalNotice($0) } ?? false
        let isTyped = isPrompt && text.map(ClaudeContent.isTypedPrompt) == true
        if let agentId = agent(of: line) {
            prompts.agentUser(
                sessionId: sessionId, agentId: agentId, timestamp: line.timestamp, text: isPrompt ? text : nil,
                into: &records)
            return
        }
        // A side chain without an agent id (very old versions) must not pass its task for a prompt.
        guard line.isSidechain != true else { return }
        if isTyped, let text { sessions.prompted(sessionId, text: text, into: &records) }
        prompts.user(
            sessionId: sessionId, promptId: user.promptId, uuid: line.uuid, timestamp: line.timestamp, text: text,
            startsPrompt: isPrompt, isTyped: isTyped, into: &records)
    }

    private mutating func readAssistant(
        _ line: ClaudeLine, _ assistant: ClaudeAssistantLine, into records: inout [Record]
    ) {
        link(line, .assistant(messageId: assistant.messageId, parts: assistant.parts))
        let sessionId = session(of: line) ?? "unknown"
        sessions.saw(sessionId, cwd: line.cwd, into: &records)
        let agentId = agent(of: line)
        let traceId = prompts.traceId(
            sessionId: sessionId, agentId: agentId, timestamp: line.timestamp,
            fallbackKey: assistant.messageId ?? line.uuid ?? "", into: &records)
        response = ClaudeResponse(first: line, assistant, sessionId: sessionId, traceId: traceId, agentId: agentId)
    }

    // MARK: - Helpers

    /// Records a line in the conversation graph.
    private mutating func link(_ line: ClaudeLine, _ content: ClaudeConversation.Content) {
        guard let uuid = line.uuid else { return }
        conversation.add(uuid: uuid, parent: line.parentUuid, timestamp: line.timestamp, content: content)
    }

    /// The line's session: its own `sessionId`, else the last one seen, else the file's.
    private mutating func session(of line: ClaudeLine) -> String? {
        if let id = line.sessionId, !id.isEmpty {
            sessionId = id
            return id
        }
        return sessionId ?? fileSessionId
    }

    /// The sub-agent a line belongs to, nil for the main conversation. Very old versions wrote
    /// side chains into the session file without an agent id; those stay in the prompt's trace.
    private func agent(of line: ClaudeLine) -> String? {
        guard isSubagentFile || line.isSidechain == true || (line.agentId != nil && line.isSidechain != false) else {
            return nil
        }
        return line.agentId ?? fileAgentId
    }
}
