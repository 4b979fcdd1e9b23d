import TurnscopeModel

/// One model response being assembled from its transcript lines.
///
/// Claude Code appends one `assistant` line per content block of a streamed response, each with
/// the same `message.id` and a copy of the usage, whose `output_tokens` is a placeholder on the
/// early lines. The lines merge into one generation: blocks in line order, usage field by field at
/// its maximum, the stop reason that is set, the first line's time as the first output and the last
/// line's as the end.
struct ClaudeResponse {
    /// The Anthropic message id; lines with the same one continue this response.
    let messageId: String?
    /// `claude-code:<message.id>`: not per session, so a response copied into a resumed or forked
    /// session, or replayed from a side question, merges with the original instead of counting twice.
    let generationId: String
    let sessionId: String
    let traceId: String
    let isSidechain: Bool
    let agentId: String?
    /// The line the response's first line follows: where its prompt ends.
    let parentUuid: String?
    let firstTimestamp: Timestamp?
    let cwd: String?
    let version: String?
    let gitBranch: String?

    private(set) var lastTimestamp: Timestamp?
    private(set) var parts: [MessagePart] = []
    /// Tool calls in order, with the time of the line that carried each.
    private(set) var toolCalls: [(call: ToolCall, at: Timestamp?)] = []
    private(set) var usage: Usage?
    private(set) var stopReason: String?
    private(set) var model: String?
    private(set) var requestId: String?
    private(set) var requestRef: String?
    private(set) var costUSD: Double?
    private(set) var isFailure = false

    /// Whether lines arrived since the response was last handed out.
    var isPending = true
    /// Whether the prompt has been handed out; later updates leave it to the store's merge.
    var promptSent = false
    /// When the request was sent, once the prompt has been resolved.
    var sentAt: Timestamp?
    /// How many of `toolCalls` have been handed out as tool observations.
    var toolCallsSent = 0

    init(first line: ClaudeLine, _ assistant: ClaudeAssistantLine, sessionId: String, traceId: String, agentId: String?)
    {
        messageId = assistant.messageId
        if let id = assistant.messageId {
            generationId = "claude-code:" + id
        } else {
            generationId = "claude-code:" + sessionId + ":" + (line.uuid ?? "")
        }
        self.sessionId = sessionId
        self.traceId = traceId
        self.agentId = agentId
        isSidechain = agentId != nil || line.isSidechain == true
        parentUuid = line.parentUuid
        firstTimestamp = line.timestamp
        cwd = line.cwd
        version = line.version
        gitBranch = line.gitBranch
        add(line, assistant)
    }

    /// Whether an assistant line with this message id continues the response.
    func isContinued(by messageId: String?) -> Bool {
        messageId != nil && messageId == self.messageId
    }

    /// Adds the next line of the response.
    mutating func add(_ line: ClaudeLine, _ assistant: ClaudeAssistantLine) {
        isPending = true
        lastTimestamp = line.timestamp ?? lastTimestamp
        parts += assistant.parts
        for case .toolCall(let call) in assistant.parts { toolCalls.append((call, line.timestamp)) }
        usage = Self.fieldMax(usage, assistant.usage)
        stopReason = assistant.stopReason ?? stopReason
        if assistant.isFailure {
            isFailure = true
            model = assistant.model ?? model
        } else if model == nil || isFailure {
            model = assistant.model ?? model
        }
        requestId = requestId ?? assistant.requestId
        requestRef = requestRef ?? assistant.requestRef
        if let cost = assistant.costUSD { costUSD = max(costUSD ?? 0, cost) }
    }

    /// Each counter at its larger value: the final line has the real output count, the early
    /// ones a placeholder, and input and cache counts are the same on all of them.
    static func fieldMax(_ a: Usage?, _ b: Usage?) -> Usage? {
        guard let a else { return b }
        guard let b else { return a }
        func larger(_ x: Int64?, _ y: Int64?) -> Int64? {
            guard let x else { return y }
            guard let y else { return x }
            return max(x, y)
        }
        return Usage(
            input: larger(a.input, b.input), output: larger(a.output, b.output),
            cacheRead: larger(a.cacheRead, b.cacheRead),
            cacheWrite5m: larger(a.cacheWrite5m, b.cacheWrite5m), cacheWrite1h: larger(a.cacheWrite1h, b.cacheWrite1h),
            reasoning: larger(a.reasoning, b.reasoning), total: larger(a.total, b.total),
            other: a.other.merging(b.other) { max($0, $1) })
    }
}
