import Testing
import TurnscopeAgents
import TurnscopeIngest

@Suite struct AgentFoldersTests {
    @Test func defaultsReadBothClaudeHomesAndCodexSessionsWithItsArchive() {
        let folders = AgentFolders.resolve(environment: ["HOME": "/home/dev"])
        #expect(folders.roots == [
            AgentRoot(path: "/home/dev/.claude/projects", format: .claudeCode),
            AgentRoot(path: "/home/dev/.config/claude/projects", format: .claudeCode),
            AgentRoot(path: "/home/dev/.codex/sessions", format: .codex),
            AgentRoot(path: "/home/dev/.codex/archived_sessions", format: .codex),
        ])
    }

    @Test func variablesNameConfigHomesAndClaudeTakesSeveral() {
        let folders = AgentFolders.resolve(
            environment: ["HOME": "/home/dev", "CLAUDE_CONFIG_DIR": "/a, ~/b/", "CODEX_HOME": "/c"])
        #expect(folders.roots.map(\.path) == [
            "/a/projects", "/home/dev/b/projects", "/c/sessions", "/c/archived_sessions",
        ])
    }

    @Test func commandLineOverridesTheVariables() {
        let folders = AgentFolders.resolve(
            environment: ["HOME": "/home/dev", "CLAUDE_CONFIG_DIR": "/a", "CODEX_HOME": "/c"],
            claudeHome: "/x/.claude", codexHome: "/y/.codex")
        #expect(folders.roots.map(\.path) == [
            "/x/.claude/projects", "/y/.codex/sessions", "/y/.codex/archived_sessions",
        ])
    }

    @Test func codexRootsHoldOnlyRollouts() {
        let codex = AgentRoot(path: "/c/sessions", format: .codex)
        let claude = AgentRoot(path: "/a/projects", format: .claudeCode)
        #expect(codex.holdsTranscript(named: "rollout-2026-12-07T00-02-31-01a24dcf.jsonl"))
        #expect(!codex.holdsTranscript(named: "history.jsonl"))
        #expect(claude.holdsTranscript(named: "agent-1234.jsonl"))
        #expect(!claude.holdsTranscript(named: "notes.txt"))
    }
}
