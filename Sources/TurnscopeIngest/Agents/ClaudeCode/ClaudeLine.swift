import TurnscopeModel

/// The envelope Claude Code writes on its conversation lines (`user`, `assistant`, `system`,
/// `attachment`, `progress`, …): where the line sits in the `parentUuid` graph, which session and
/// agent wrote it, and when.
struct ClaudeLine {
    /// The line's `type`.
    var type: String
    /// The line's own id; bookkeeping lines have none.
    var uuid: String?
    /// The line before it in the conversation; nil at a root (the first prompt, a compaction).
    var parentUuid: String?
    /// The session, when the line names it (a file's first lines may not).
    var sessionId: String?
    var timestamp: Timestamp?
    /// Whether the line belongs to a sub-agent's conversation rather than the main one.
    var isSidechain: Bool?
    /// The sub-agent that wrote the line.
    var agentId: String?
    var cwd: String?
    var version: String?
    var gitBranch: String?

    /// Reads the envelope of a line whose type Turnscope knows: a field of the wrong type is an
    /// error, so a changed format is reported rather than silently misread.
    init(strict fields: FieldReader, type: String) throws(FieldError) {
        self.type = type
        uuid = try fields.string("uuid")
        parentUuid = try fields.string("parentUuid")
        sessionId = try fields.string("sessionId")
        timestamp = try fields.timestamp("timestamp")
        isSidechain = try fields.bool("isSidechain")
        agentId = try fields.string("agentId")
        cwd = try fields.string("cwd")
        version = try fields.string("version")
        gitBranch = try fields.string("gitBranch")
    }

    /// Reads what it can of a line of a type Turnscope does not know: only the links that keep the
    /// `parentUuid` chain unbroken matter, and nothing about it is an error.
    init(lenient fields: FieldReader, type: String) {
        self.type = type
        uuid = fields.object["uuid"]?.stringValue
        parentUuid = fields.object["parentUuid"]?.stringValue
        sessionId = fields.object["sessionId"]?.stringValue
        timestamp = fields.object["timestamp"]?.stringValue.flatMap { Timestamp(iso8601: $0) }
        isSidechain = nil
        agentId = nil
        cwd = nil
        version = nil
        gitBranch = nil
    }
}
