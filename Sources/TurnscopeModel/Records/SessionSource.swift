/// The names of the places sessions come from, as stored in a session's `source` and typed in a
/// `source:` filter.
public enum SessionSource {
    /// Claude Code's transcripts (`~/.claude/projects/**.jsonl`).
    public static let claudeCode = "claude-code"
    /// The OpenAI Codex CLI's rollouts (`~/.codex/sessions/**/rollout-*.jsonl`).
    public static let codex = "codex"
    /// Google's Gemini CLI, from its own OpenTelemetry log events (it keeps no transcript
    /// Turnscope reads, so it is not among `agents`).
    public static let geminiCLI = "gemini-cli"
    /// The Langfuse ingestion API (SDKs, litellm).
    public static let langfuse = "langfuse"
    /// OpenTelemetry spans and log events.
    public static let otlp = "otlp"
    /// Turnscope's own JSON Lines, posted or imported.
    public static let native = "native"

    /// The coding agents whose transcripts Turnscope reads from disk. Their records are kept from
    /// the Langfuse mirror unless the user asks (`--mirror-agents`).
    public static let agents: Set<String> = [claudeCode, codex]

    /// The source a writer's client name stands for: `import` and `bench` write native records.
    public static func named(client: String) -> String {
        switch client {
        case "import", "bench": native
        default: client
        }
    }
}
