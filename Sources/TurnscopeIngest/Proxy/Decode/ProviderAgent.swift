import TurnscopeModel

/// The coding agent a proxied call came from, told by the headers it always sends: Claude Code's
/// `X-Claude-Code-Session-Id` and `claude-cli/…` user agent, Codex's `originator` (`codex_cli_rs`,
/// `codex_exec`) and `codex…` user agent.
///
/// Its session is then marked as that agent's, as its transcript would mark it: the browser shows
/// where the turns came from, the store pairs the call with the transcript's record of it, and the
/// Langfuse mirror keeps the session out unless `--mirror-agents` asks for it.
enum ProviderAgent {
    static func source(headers: ProviderHeaders) -> String? {
        let userAgent = headers["user-agent"]?.lowercased() ?? ""
        if headers["x-claude-code-session-id"] != nil || userAgent.hasPrefix("claude-cli/") {
            return SessionSource.claudeCode
        }
        if headers["originator"]?.lowercased().hasPrefix("codex") == true || userAgent.hasPrefix("codex") {
            return SessionSource.codex
        }
        return nil
    }
}
