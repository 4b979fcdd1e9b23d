import Foundation
import Testing

/// `turnscope sessions` and `turnscope show` on the sample data.
@Suite struct SessionsAndShowTests {
    let runner: CommandRunner

    init() throws {
        runner = try CommandRunner()
        try runner.useSampleDatabase()
    }

    /// The sessions table's row for a session, split into its whitespace-separated cells.
    private func row(_ table: String, containing text: String) throws -> [String] {
        let line = try #require(table.split(separator: "\n").first { $0.contains(text) }, "no row with \(text) in\n\(table)")
        return line.split(separator: " ").map(String.init)
    }

    @Test func sessionsTableListsEverySession() throws {
        let result = try runner.run(["sessions", "--db", runner.database])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.first?.hasPrefix("LAST ACTIVITY") == true)
        for id in ["sess-refactor-auth", "sess-trip-planner", "sess-docs-helpdesk", "sess-fix-ci"] {
            #expect(lines.contains { $0.contains(id) }, "\(id) missing from\n\(result.stdout)")
        }
        // 4 named sessions plus the automatic groups of the 4 traces without a session id.
        #expect(lines.filter { $0.contains(" auto:") }.count >= 1)
        #expect(try row(result.stdout, containing: "sess-refactor-auth").contains("47"))
    }

    @Test func sampleSessionOfAnUnpricedModelHasAnUnknownCost() throws {
        let table = try runner.run(["sessions", "--db", runner.database]).stdout
        #expect(!table.contains("$0+"), "a session of unpriced turns must not read as $0+\n\(table)")
        #expect(try row(table, containing: "my-local-llama").contains("?"))
        #expect(try row(table, containing: "sess-refactor-auth").contains { $0.hasPrefix("$") && !$0.hasSuffix("+") })
    }

    /// Sessions whose turns are all priced, partly priced and not priced at all: 1,000 input and
    /// 100 output tokens of claude-sonnet-4-5 cost $0.0045; my-local-llama has no price.
    private func importCostCases() throws -> String {
        func turn(_ id: String, _ session: String, _ model: String, at minute: Int) -> String {
            let time = "2026-11-20T10:\(minute < 10 ? "0" : "")\(minute):00Z"
            return #"{"type":"trace","id":"\#(id)","sessionId":"\#(session)","timestamp":"\#(time)"}"# + "\n"
                + #"{"type":"observation","id":"\#(id)-gen","traceId":"\#(id)","kind":"generation","model":"\#(model)","startTime":"\#(time)","usage":{"input":1000,"output":100}}"#
                + "\n"
        }
        let sonnet = "claude-sonnet-4-5-20250929"
        let text = turn("a-1", "all-priced", sonnet, at: 1) + turn("p-1", "part-priced", sonnet, at: 2)
            + turn("p-2", "part-priced", "my-local-llama", at: 3) + turn("n-1", "none-priced", "my-local-llama", at: 4)
            + turn("n-2", "none-priced", "my-local-llama", at: 5)
        let database = runner.path("costs.db")
        let result = try runner.run(["import", "--db", database, try runner.write("costs.jsonl", text)])
        try #require(result.status == 0, "\(result)")
        return database
    }

    @Test func sessionsTableSaysUnknownWhenNoCostIsKnownAndPlusWhenSomeIs() throws {
        let database = try importCostCases()
        let table = try runner.run(["sessions", "--db", database]).stdout
        #expect(try row(table, containing: "all-priced").contains("$0.0045"), "\(table)")
        #expect(try row(table, containing: "part-priced").contains("$0.0045+"), "\(table)")
        #expect(try row(table, containing: "none-priced").contains("?"), "\(table)")
        #expect(!table.contains("$0+"), "\(table)")
    }

    @Test func showSaysUnknownWhenNoCostIsKnownAndPlusWhenSomeIs() throws {
        let database = try importCostCases()
        let cases = [("all-priced", "cost $0.0045 "), ("part-priced", "cost $0.0045+ "), ("none-priced", "cost ? ")]
        for (session, cost) in cases {
            let result = try runner.run(["show", "--db", database, session])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdoutLines.dropFirst().first?.contains(cost) == true, "\(result)")
        }
    }

    @Test func sessionsJSONHasTheTurnCounts() throws {
        let result = try runner.run(["sessions", "--db", runner.database, "--json"])
        #expect(result.status == 0, "\(result)")
        let sessions = try #require(try parseJSON(result.stdout) as? [[String: Any]], "\(result)")
        let byId = Dictionary(uniqueKeysWithValues: sessions.compactMap { session in
            (session["id"] as? String).map { ($0, session) }
        })
        #expect(byId["sess-refactor-auth"]?["turnCount"] as? Int == 47)
        #expect(byId["sess-refactor-auth"]?["traceCount"] as? Int == 47)
        #expect(byId["sess-refactor-auth"]?["errorCount"] as? Int == 0)
        #expect(byId["sess-trip-planner"]?["errorCount"] as? Int == 1)
        #expect(byId["sess-fix-ci"]?["errorCount"] as? Int == 1)
        #expect(byId["sess-fix-ci"]?["turnCount"] as? Int == 1)
        // standup-summary, standup-followup, hostile-terminal-paste and local-llama-podman have no
        // session id; however they are grouped, each lands in exactly one automatic session.
        let automatic = sessions.filter { $0["automatic"] as? Bool == true }
        #expect(automatic.allSatisfy { ($0["id"] as? String)?.hasPrefix("auto:") == true })
        #expect(automatic.reduce(0) { $0 + ($1["traceCount"] as? Int ?? 0) } == 4)
        #expect(sessions.filter { $0["automatic"] as? Bool == false }.count == 4)
    }

    @Test func showListsEveryTurnOfASession() throws {
        let result = try runner.run(["show", "--db", runner.database, "sess-refactor-auth"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines.first?.hasPrefix("session sess-refactor-auth ") == true, "\(result)")
        #expect(result.stdout.contains("turns 47"), "\(result)")
        let turnRows = result.stdoutLines.filter { $0.range(of: #"^\s*\d+\s+2026-"#, options: .regularExpression) != nil }
        #expect(turnRows.count == 47)
        let numbers = turnRows.compactMap { $0.split(separator: " ").first.flatMap { Int($0) } }
        #expect(numbers == Array(1...47))
        #expect(!result.stdout.contains("ERROR"))
    }

    @Test func showMarksAFailedCall() throws {
        let result = try runner.run(["show", "--db", runner.database, "sess-fix-ci"])
        #expect(result.status == 0, "\(result)")
        let row = try #require(result.stdoutLines.first { $0.contains("ERROR") }, "\(result)")
        #expect(row.contains("529"))
        #expect(result.stdout.contains("errors 1"))
    }

    @Test func showRefusesAnUnknownSession() throws {
        let result = try runner.run(["show", "--db", runner.database, "no-such-session"])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("no session no-such-session"), "\(result)")
    }

    @Test func hostileTextNeverReachesTheTerminalRaw() throws {
        let json = try runner.run(["sessions", "--db", runner.database, "--json"])
        let sessions = try #require(try parseJSON(json.stdout) as? [[String: Any]], "\(json)")
        let hostile = try #require(
            sessions.first { ($0["label"] as? String)?.contains("I pasted the terminal") == true }?["id"] as? String,
            "no session holds the hostile-terminal-paste trace")

        let table = try runner.run(["sessions", "--db", runner.database])
        #expect(table.stdout.contains("Why does my release build fail?"), "\(table)")
        let show = try runner.run(["show", "--db", runner.database, hostile])
        // The hostile label is shown, as placeholders: ␊ for its newline, ␛ for its ESC.
        #expect(show.stdout.contains("terminal:␊␛"), "\(show)")
        for result in [table, show] {
            #expect(result.status == 0, "\(result)")
            for (byte, name) in [(0x1B, "ESC"), (0x07, "BEL"), (0x0D, "CR"), (0x08, "BS")] as [(UInt8, String)] {
                #expect(!result.stdoutData.contains(byte), "raw \(name) on the stdout of turnscope \(result.arguments[0])")
            }
        }
    }
}
