import TurnscopeModel

/// One transcript line, decoded into what the reader acts on. Decoding is separate from acting so
/// that a line with a bad field throws before any state changes.
enum ClaudeEntry {
    /// A `user` line: a prompt, injected context, a tool result, a compaction summary.
    case user(ClaudeLine, ClaudeUserLine)
    /// An `assistant` line: one content block of a response (or a locally made error).
    case assistant(ClaudeLine, ClaudeAssistantLine)
    /// A line that only links the conversation graph: `system`, `attachment`, `progress`, and
    /// unknown types that carry a `uuid`.
    case link(ClaudeLine)
    /// `api-request-shape`: the system prompt (and tools) requests refer to by hash.
    case requestShape(hash: String, system: Message?)
    /// `api-request-blob`: one message of a request, by hash.
    case requestBlob(hash: String, message: Message)
    /// `api-request`: a request as sent, built from an earlier one plus new blobs.
    case request(id: String, ClaudeRequest)
    /// `cost-state`: the client's running total for the session.
    case costState(sessionId: String, total: Double?)
    /// Anything else: bookkeeping lines and unknown types.
    case ignored

    /// Decodes a parsed line.
    init(_ value: JSONValue) throws(FieldError) {
        let fields = try FieldReader(value)
        guard case .string(let type)? = fields.object["type"] else {
            self = .ignored
            return
        }
        switch type {
        case "user":
            self = .user(try ClaudeLine(strict: fields, type: type), try ClaudeUserLine(fields))
        case "assistant":
            self = .assistant(try ClaudeLine(strict: fields, type: type), try ClaudeAssistantLine(fields))
        case "system", "attachment", "progress":
            self = .link(try ClaudeLine(strict: fields, type: type))
        case "api-request-shape":
            let hash = try fields.requiredString("shapeHash")
            var system: Message?
            if let shape = try fields.nested("shape") { system = try Self.system(shape) }
            self = .requestShape(hash: hash, system: system)
        case "api-request-blob":
            let hash = try fields.requiredString("hash")
            guard let message = try fields.nested("message") else {
                throw FieldError(path: "message", reason: "is required")
            }
            self = .requestBlob(hash: hash, message: try ClaudeContent.message(message, defaultRole: .user))
        case "api-request":
            self = .request(id: try fields.requiredString("id"), try ClaudeRequest(fields))
        case "cost-state":
            self = .costState(
                sessionId: try fields.requiredString("sessionId"), total: try fields.number("totalCostUSD"))
        case "summary", "file-history-snapshot", "queue-operation", "last-prompt", "tools-used", "atis-latch",
            "ai-title", "api-request-route", "saved_hook_context", "pr-link", "custom-title", "tag":
            self = .ignored
        default:
            // New line types appear every few weeks; one that carries a uuid may still be a link
            // in the conversation chain, so it is kept as one without judging its fields.
            let line = ClaudeLine(lenient: fields, type: type)
            self = line.uuid == nil ? .ignored : .link(line)
        }
    }

    /// The shape's system prompt as one system message: its text blocks (or a plain string).
    private static func system(_ shape: FieldReader) throws(FieldError) -> Message? {
        switch shape.value("system") {
        case nil:
            return nil
        case .string(let text)?:
            return .text(.system, text)
        case .array(let blocks)?:
            var parts: [MessagePart] = []
            for (index, block) in blocks.enumerated() {
                let path = "\(shape.path(of: "system"))[\(index)]"
                let block = try FieldReader(block, path: path)
                guard block.object["type"]?.stringValue == "text" else { continue }
                parts.append(.text(try block.string("text") ?? ""))
            }
            return Message(role: .system, parts: parts)
        case let other?:
            throw FieldError(
                path: shape.path(of: "system"), reason: "expected a string or an array, got \(other.typeName)")
        }
    }
}

/// What a `user` line adds to the envelope.
struct ClaudeUserLine {
    /// The message as the model would see it (tool results become a `tool` message).
    var message: Message
    /// The prompt this line belongs to (recent versions; tool results carry it too).
    var promptId: String?
    /// Injected context (CLAUDE.md, caveats, reminders), not typed by the user.
    var isMeta: Bool
    /// The summary that replaces the history after a compaction.
    var isCompactSummary: Bool

    init(_ fields: FieldReader) throws(FieldError) {
        guard let message = try fields.nested("message") else {
            throw FieldError(path: "message", reason: "is required")
        }
        self.message = try ClaudeContent.message(message, defaultRole: .user)
        promptId = try fields.string("promptId")
        isMeta = try fields.bool("isMeta") ?? false
        isCompactSummary = try fields.bool("isCompactSummary") ?? false
    }
}

/// What an `assistant` line adds to the envelope: one or more content blocks of a response.
struct ClaudeAssistantLine {
    /// The Anthropic message id, shared by every line of one response.
    var messageId: String?
    var model: String?
    var parts: [MessagePart]
    var usage: Usage?
    var stopReason: String?
    /// Anthropic's request id (missing in some versions).
    var requestId: String?
    /// The `api-request` line this response answers (recent versions).
    var requestRef: String?
    /// A locally made line standing for a failed call (`isApiErrorMessage`, model `<synthetic>`).
    var isFailure: Bool
    /// The cost older versions wrote on each line.
    var costUSD: Double?

    init(_ fields: FieldReader) throws(FieldError) {
        guard let message = try fields.nested("message") else {
            throw FieldError(path: "message", reason: "is required")
        }
        messageId = try message.string("id")
        model = try message.string("model")
        parts = try ClaudeContent.message(message, defaultRole: .assistant).parts
        usage = try message.object("usage").flatMap { ClaudeUsage.usage($0) }
        stopReason = try message.string("stop_reason")
        requestId = try fields.string("requestId")
        requestRef = try fields.string("requestRef")
        isFailure = try fields.bool("isApiErrorMessage") == true || model == "<synthetic>"
        costUSD = try fields.number("costUSD")
    }
}

/// An `api-request` line: the request's messages are the first `keep` messages of request `base`
/// followed by the blobs named in `tail`.
struct ClaudeRequest {
    var base: String?
    var keep: Int
    var tail: [String]
    var shapeHash: String?
    /// The request parameters minus `betas` (which are headers, not parameters).
    var parameters: [String: JSONValue]?
    var timestamp: Timestamp?

    init(_ fields: FieldReader) throws(FieldError) {
        base = try fields.string("base")
        let keep = try fields.integer("keep") ?? 0
        guard keep >= 0, keep <= Int64(Int32.max) else {
            throw FieldError(path: "keep", reason: "out of range: \(keep)")
        }
        self.keep = Int(keep)
        tail = try fields.strings("tail") ?? []
        shapeHash = try fields.string("shapeHash")
        if var parameters = try fields.object("params") {
            parameters["betas"] = nil
            self.parameters = parameters
        }
        timestamp = try fields.timestamp("timestamp")
    }
}
