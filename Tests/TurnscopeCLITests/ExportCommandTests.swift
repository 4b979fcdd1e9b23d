import Foundation
import Testing

/// `turnscope export`: what it writes reads back unchanged.
@Suite struct ExportCommandTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    @Test func exportImportExportGivesTheSameBytes() throws {
        try runner.useSampleDatabase()
        let first = try runner.run(["export", "--db", runner.database])
        #expect(first.status == 0, "\(first)")
        #expect(first.stderr.isEmpty, "\(first)")
        let records = try parseJSONLines(first.stdout)
        #expect(records.count == 193)  // the sample has no two records with the same id

        let file = try runner.write("export.jsonl", first.stdoutData)
        let reimported = try runner.run(["import", "--db", runner.path("second.db"), file])
        #expect(reimported.status == 0, "\(reimported)")
        #expect(reimported.stdout.hasPrefix("imported 193 records into "), "\(reimported)")

        let second = try runner.run(["export", "--db", runner.path("second.db")])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdoutData == first.stdoutData)
    }

    @Test func exportsOneSessionOnly() throws {
        try runner.useSampleDatabase()
        let result = try runner.run(["export", "--db", runner.database, "--session", "sess-refactor-auth"])
        #expect(result.status == 0, "\(result)")
        let records = try parseJSONLines(result.stdout)

        let traces = records.filter { $0["type"] as? String == "trace" }
        #expect(traces.count == 47)
        #expect(traces.allSatisfy { $0["sessionId"] as? String == "sess-refactor-auth" })
        let traceIds = Set(traces.compactMap { $0["id"] as? String })
        let observations = records.filter { $0["type"] as? String == "observation" }
        #expect(observations.count > 47)
        let strays = observations.filter { !traceIds.contains($0["traceId"] as? String ?? "") }
        #expect(strays.isEmpty, "observations of other traces: \(strays.compactMap { $0["id"] })")
        let generations = observations.filter { $0["kind"] as? String == "generation" }
        #expect(generations.count == 47)
        let scores = records.filter { $0["type"] as? String == "score" }
        #expect(scores.allSatisfy {
            traceIds.contains($0["traceId"] as? String ?? "") || $0["sessionId"] as? String == "sess-refactor-auth"
        })
        #expect(records.count == traces.count + observations.count + scores.count)

        // What it wrote is a complete session: imported alone, it is the same session again.
        let file = try runner.write("session.jsonl", result.stdoutData)
        let imported = try runner.run(["import", "--db", runner.path("session.db"), file])
        #expect(imported.status == 0, "\(imported)")
        let sessions = try runner.run(["sessions", "--db", runner.path("session.db"), "--json"])
        let list = try #require(try parseJSON(sessions.stdout) as? [[String: Any]], "\(sessions)")
        #expect(list.compactMap { $0["id"] as? String } == ["sess-refactor-auth"])
        #expect(list.first?["turnCount"] as? Int == 47)
    }

    @Test func refusesAnUnknownSession() throws {
        try runner.useSampleDatabase()
        let result = try runner.run(["export", "--db", runner.database, "--session", "no-such-session"])
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("no-such-session"), "\(result)")
    }
}
