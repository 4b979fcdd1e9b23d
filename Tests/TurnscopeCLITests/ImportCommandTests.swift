import Foundation
import Testing

/// `turnscope import`: files, standard input, CRLF, bad lines and the database it creates.
@Suite struct ImportCommandTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    @Test func importsTheSampleData() throws {
        let result = try runner.run(["import", "--db", runner.database, CommandRunner.sampleData])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "imported 193 records into \(runner.database)\n", "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func reportsEachBadLineWithItsNumberAndImportsEveryGoodOne() throws {
        let lines = [
            #"{"type":"trace","id":"t-1","name":"chat","sessionId":"s-1","timestamp":"2026-11-20T09:00:00Z"}"#,
            #"{"type":"trace","id":"t-2","name":"#,  // 2: malformed JSON
            #"{"type":"observation","id":"g-1","traceId":"t-1","kind":"generation","model":"gpt-4o-2024-08-06","startTime":"2026-11-20T09:00:00Z","usage":{"input":9,"output":7}}"#,
            #"{"type":"trace","id":"t-3","tags":"urgent"}"#,  // 4: wrong type
            "",
            "   \t ",
            #"{"type":"observation","id":"o-4","traceId":"t-1","kind":"llm"}"#,  // 7: unknown kind
            #"{"type":"span","id":"s-9"}"#,  // 8: unknown record type
            #"{"type":"trace","name":"no id here"}"#,  // 9: missing id
            #"{"type":"observation","id":"o-5","traceId":"t-1","startTime":"2026-11-20 09:00:00"}"#,  // 10: bad timestamp
            #"[1,2,3]"#,  // 11: not an object
            #"{"type":"trace","id":"t-9","sessionId":"s-1","timestamp":"2026-11-20T09:05:00Z"}"#,
            #"{"type":"score","id":"sc-1","traceId":"t-1","name":"helpfulness","value":4}"#,
        ]
        let file = try runner.write("mixed.jsonl", lines.joined(separator: "\n") + "\n")

        let result = try runner.run(["import", "--db", runner.database, file])

        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "imported 4 records into \(runner.database); 7 lines failed\n", "\(result)")
        let reported = result.stderrLines
        try #require(reported.count == 7, "\(result)")
        #expect(reported[0].hasPrefix("\(file):2: malformed JSON"), "\(reported[0])")
        #expect(Array(reported.dropFirst()) == [
            "\(file):4: tags: expected an array, got a string",
            "\(file):7: kind: unknown kind \"llm\" (generation, span, tool, event, agent, retriever, embedding, chain, guardrail, evaluator)",
            "\(file):8: type: unknown record type \"span\" (trace, observation, score, session)",
            "\(file):9: id: is required",
            "\(file):10: startTime: not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): 2026-11-20 09:00:00",
            "\(file):11: expected an object, got an array",
        ])

        let export = try runner.run(["export", "--db", runner.database])
        #expect(export.status == 0, "\(export)")
        let stored = try parseJSONLines(export.stdout).map { "\($0["type"] ?? "?") \($0["id"] ?? "?")" }
        #expect(stored.sorted() == ["observation g-1", "score sc-1", "trace t-1", "trace t-9"])
    }

    @Test func importsCRLFFilesLikeLFFiles() throws {
        let sample = try String(contentsOfFile: CommandRunner.sampleData, encoding: .utf8)
        let crlf = try runner.write("demo-crlf.jsonl", sample.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: crlf)).contains(0x0D))

        let imported = try runner.run(["import", "--db", runner.path("crlf.db"), crlf])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.hasPrefix("imported 193 records into "), "\(imported)")
        #expect(imported.stderr.isEmpty, "\(imported)")

        // No stray CR may end up in a stored value: the export equals that of the LF file.
        try runner.useSampleDatabase(at: runner.path("lf.db"))
        let fromCRLF = try runner.run(["export", "--db", runner.path("crlf.db")])
        let fromLF = try runner.run(["export", "--db", runner.path("lf.db")])
        #expect(fromCRLF.status == 0 && fromLF.status == 0)
        #expect(!fromLF.stdoutData.isEmpty)
        #expect(fromCRLF.stdoutData == fromLF.stdoutData)
    }

    @Test func numbersCRLFLinesFromOneAndCountsBlankOnes() throws {
        let text = [
            #"{"type":"trace","id":"t-1"}"#, "", #"{"type":"trace","id":"t-2"}"#, #"{"type":"trace"}"#, "",
            #"{"type":"trace","id":"t-3","name":"line\r\nbreak"}"#, #"{"type":"trace","id":4}"#,
        ].joined(separator: "\r\n")  // no line break after the last line
        let file = try runner.write("numbers.jsonl", text)

        let result = try runner.run(["import", "--db", runner.database, file])

        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines == ["\(file):4: id: is required", "\(file):7: id: expected a string, got a number"])
        #expect(result.stdout.hasPrefix("imported 3 records into "), "\(result)")
        let export = try runner.run(["export", "--db", runner.database])
        let names = try parseJSONLines(export.stdout).compactMap { $0["name"] as? String }
        #expect(names == ["line\r\nbreak"])  // an escaped CRLF inside a string is data, kept as sent
    }

    @Test func readsStandardInputForDash() throws {
        let sample = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.sampleData))
        let result = try runner.run(["import", "--db", runner.database, "-"], stdin: sample)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "imported 193 records into \(runner.database)\n", "\(result)")

        let bad = Data((#"{"type":"trace","id":"t-1"}"# + "\n" + #"{"type":"trace"}"# + "\n").utf8)
        let failed = try runner.run(["import", "--db", runner.path("other.db"), "-"], stdin: bad)
        #expect(failed.status == 1, "\(failed)")
        #expect(failed.stderrLines == ["<stdin>:2: id: is required"], "\(failed)")
        #expect(failed.stdout.hasPrefix("imported 1 records into "), "\(failed)")
    }

    @Test func importingTheSameFileTwiceChangesNothing() throws {
        try runner.useSampleDatabase()  // the sample imported once already
        let first = try runner.run(["export", "--db", runner.database])
        try runner.importSampleData()
        let second = try runner.run(["export", "--db", runner.database])
        #expect(!first.stdoutData.isEmpty)
        #expect(first.stdoutData == second.stdoutData)
    }

    @Test func createsTheDatabaseReadableByTheOwnerOnly() throws {
        let database = runner.path("nested/dir/private.db")
        let file = try runner.write("one.jsonl", #"{"type":"trace","id":"t-1"}"# + "\n")
        let result = try runner.run(["import", "--db", database, file])
        #expect(result.status == 0, "\(result)")

        let attributes = try FileManager.default.attributesOfItem(atPath: database)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: runner.path("nested/dir"))
        #expect((directory[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }
}
