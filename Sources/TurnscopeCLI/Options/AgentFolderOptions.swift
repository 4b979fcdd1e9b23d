import ArgumentParser
import Foundation
import TurnscopeAgents

/// Where the coding agents' transcripts are: `--claude-dir` and `--codex-dir`, with the same
/// meaning as `$CLAUDE_CONFIG_DIR` and `$CODEX_HOME`.
struct AgentFolderOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Claude Code's config home, holding projects/ (default: $CLAUDE_CONFIG_DIR, else ~/.claude and ~/.config/claude).",
            valueName: "dir"))
    var claudeDir: String?

    @Option(
        help: ArgumentHelp("Codex's home, holding sessions/ (default: $CODEX_HOME, else ~/.codex).", valueName: "dir"))
    var codexDir: String?

    /// The folders these options select.
    var folders: AgentFolders {
        AgentFolders.resolve(
            environment: ProcessInfo.processInfo.environment, claudeHome: claudeDir, codexHome: codexDir)
    }
}
