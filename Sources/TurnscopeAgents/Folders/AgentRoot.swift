import TurnscopeIngest

/// One folder under which an agent writes its transcripts, and the format of the files there.
public struct AgentRoot: Sendable, Hashable {
    /// The folder, e.g. `~/.claude/projects` or `~/.codex/sessions`. It may not exist yet.
    public var path: String
    /// What the files under it are.
    public var format: TranscriptFormat

    public init(path: String, format: TranscriptFormat) {
        self.path = path
        self.format = format
    }

    /// Whether a file under this root is a transcript: Claude Code writes `*.jsonl` (sessions,
    /// and subagents' files beside or below them), Codex `rollout-*.jsonl`.
    public func holdsTranscript(named name: String) -> Bool {
        guard name.hasSuffix(".jsonl") else { return false }
        return format != .codex || name.hasPrefix("rollout-")
    }
}
