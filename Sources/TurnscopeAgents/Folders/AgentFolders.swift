import Foundation
import TurnscopeIngest

/// Where the coding agents keep their transcripts on this machine.
///
/// Claude Code: `$CLAUDE_CONFIG_DIR/projects` (the variable may name several homes, separated by
/// commas), else both `~/.claude/projects` and `~/.config/claude/projects`. Codex:
/// `$CODEX_HOME/sessions` and its `archived_sessions` sibling, else the same under `~/.codex`.
/// `--claude-dir` and `--codex-dir` name a config home in the variables' place.
public struct AgentFolders: Sendable, Hashable {
    /// Every folder to read, Claude Code's first.
    public var roots: [AgentRoot]

    public init(roots: [AgentRoot]) {
        self.roots = roots
    }

    /// The folders for this environment, with the command line's overrides.
    ///
    /// - Parameters:
    ///   - claudeHome: `--claude-dir`: a Claude Code config home (holding `projects/`).
    ///   - codexHome: `--codex-dir`: a Codex home (holding `sessions/`).
    public static func resolve(
        environment: [String: String], claudeHome: String? = nil, codexHome: String? = nil
    ) -> AgentFolders {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        var claudeHomes: [String]
        if let claudeHome {
            claudeHomes = [claudeHome]
        } else if let configured = environment["CLAUDE_CONFIG_DIR"], !configured.isEmpty {
            claudeHomes = configured.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        } else {
            claudeHomes = [home + "/.claude", home + "/.config/claude"]
        }
        let codex = codexHome ?? environment["CODEX_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.codex"
        var roots = claudeHomes.map { AgentRoot(path: expand($0, home: home) + "/projects", format: .claudeCode) }
        roots.append(AgentRoot(path: expand(codex, home: home) + "/sessions", format: .codex))
        roots.append(AgentRoot(path: expand(codex, home: home) + "/archived_sessions", format: .codex))
        var seen: Set<String> = []
        return AgentFolders(roots: roots.filter { seen.insert($0.path).inserted })
    }

    /// `~` expanded and trailing slashes dropped, so the same folder is never read twice.
    private static func expand(_ path: String, home: String) -> String {
        var path = path
        if path == "~" { path = home } else if path.hasPrefix("~/") { path = home + path.dropFirst(1) }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
