import Foundation
import Testing

/// `turnscope import --agents` and agent files named to `import`: the real Claude Code 2.1.337 and
/// Codex 0.163.0 transcripts captured in shared/reference, found under the test's own home.
@Suite struct AgentImportCommandTests {
    let runner: CommandRunner
    static let fixtures = CommandRunner.packageRoot.appendingPathComponent("Tests/TurnscopeIngestTests/Fixtures/agents")
    static let claudeSession = "08edd4c2-1759-4bfb-bbea-be6c6b23591f"
    static let codexSession = "01a24dcf-261c-70b2-9620-cddfdaad4ba6"

    init() throws { runner = try CommandRunner() }

    /// Copies the captured transcripts where the agents write them, under the runner's HOME.
    private func installTranscripts() throws -> (claude: String, codex: String) {
        let claude = runner.path(".claude/projects/-home-dev-acme/\(Self.claudeSession).jsonl")
        let codex = runner.path(".codex/sessions/2026/12/07/rollout-2026-12-07T00-02-31-\(Self.codexSession).jsonl")
        for (name, target) in [("\(Self.claudeSession).jsonl", claude), ("rollout-2026-12-07T00-02-31-\(Self.codexSession).jsonl", codex)] {
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent(name).path, toPath: target)
        }
        return (claude, codex)
    }

    @Test func importAgentsReadsTheHomeFoldersOnceAndSaysWhatItDid() throws {
        _ = try installTranscripts()
        let result = try runner.run(["import", "--agents", "--db", runner.database])
        #expect(result.status == 0, "\(result)")
        let summary = try #require(result.stdoutLines.last)
        #expect(summary.hasPrefix("imported 4 turns in 2 sessions from 2 files (0 lines skipped) in "), "\(result)")

        let sessions = try #require(try parseJSON(try runner.run(["sessions", "--db", runner.database, "--json"]).stdout) as? [[String: Any]])
        let byId = Dictionary(uniqueKeysWithValues: sessions.map { ($0["id"] as? String ?? "", $0) })
        let claude = try #require(byId[Self.claudeSession])
        let codex = try #require(byId[Self.codexSession])
        #expect(claude["source"] as? String == "claude-code")
        #expect(codex["source"] as? String == "codex")
        for session in [claude, codex] {
            #expect(session["project"] as? String == "/home/dev/acme")
            #expect(session["label"] as? String == "Run a shell command that prints a marker, then say done.")
            #expect(session["turnCount"] as? Int == 2)
        }
        let claudeUsage = try #require(claude["usage"] as? [String: Any])
        #expect(claudeUsage["input"] as? Int == 50)
        #expect(claudeUsage["cacheRead"] as? Int == 24_000)
        #expect(claudeUsage["output"] as? Int == 80)
        let codexUsage = try #require(codex["usage"] as? [String: Any])
        #expect(codexUsage["input"] as? Int == 1_616)
        #expect(codexUsage["cacheRead"] as? Int == 16_384)
        #expect(codexUsage["reasoning"] as? Int == 40)
        // Claude Code's own running total, beside the sum Turnscope computed from its prices.
        let reported = try #require(claude["reportedCostUSD"] as? Double)
        #expect(abs(reported - 0.0146) < 1e-9)

        let codexOnly = try runner.run(["sessions", "--db", runner.database, "--filter", "source:codex project:acme"])
        #expect(codexOnly.stdout.contains(Self.codexSession.prefix(20)) && !codexOnly.stdout.contains(Self.claudeSession.prefix(20)), "\(codexOnly)")
        let typo = try runner.run(["sessions", "--db", runner.database, "--filter", "sorce:codex"])
        #expect(typo.status != 0 && typo.stderr.contains("sorce:codex: unknown filter"), "\(typo)")

        let again = try runner.run(["import", "--agents", "--db", runner.database])
        #expect(again.stdoutLines.last?.hasPrefix("imported 0 turns in 0 sessions from 0 files (0 lines skipped)") == true, "\(again)")
    }

    @Test func aTranscriptNamedToImportIsRecognisedByItsContent() throws {
        let files = try installTranscripts()
        let result = try runner.run(["import", "--db", runner.database, files.codex])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines.last?.hasPrefix("imported 2 turns in 1 sessions from 1 files") == true, "\(result)")
        let table = try runner.run(["sessions", "--db", runner.database]).stdout
        #expect(table.contains("codex") && table.contains("/home/dev/acme"), "\(table)")
    }

    @Test func aMalformedLineIsReportedAndExitsOneWithTheRestImported() throws {
        let files = try installTranscripts()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: files.claude))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"type\":\"assistant\",\"message\":\n".utf8))
        try handle.close()
        let lines = try String(contentsOfFile: files.claude, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count - 1

        let result = try runner.run(["import", "--agents", "--db", runner.database])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.first?.hasPrefix("\(files.claude):\(lines): malformed JSON") == true, "\(result)")
        #expect(result.stdoutLines.last?.hasPrefix("imported 4 turns in 2 sessions from 2 files (1 lines skipped)") == true, "\(result)")
    }

    @Test func theAgentsBenchmarkCountsItsCorpusExactly() throws {
        let result = try runner.run(["bench", "agents", "--corpus-mb", "2"])
        #expect(result.status == 0, "\(result)")
        let figures = result.stdoutLines.filter { $0.hasPrefix("{") }.compactMap { try? parseJSON($0) as? [String: Any] }
        let exact = figures.first { $0["bench"] as? String == "agents.totals_exact" }
        #expect(exact?["value"] as? Double == 1, "\(result)")
        #expect(figures.contains { $0["bench"] as? String == "agents.follow_p99_ms" }, "\(result)")
    }
}
