import Foundation
import Testing

/// `turnscope stats` and `turnscope prices`.
@Suite struct StatsAndPricesTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    @Test func statsShowsModelsAndDays() throws {
        try runner.useSampleDatabase()
        let result = try runner.run(["stats", "--db", runner.database])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.first?.hasPrefix("MODEL") == true, "\(result)")
        #expect(lines.contains { $0.hasPrefix("DAY") }, "\(result)")
        for model in [
            "claude-sonnet-4-5-20250929", "gpt-4o-2024-08-06", "claude-haiku-4-5-20251001", "openai/gpt-4.1-mini",
            "my-local-llama",
        ] {
            #expect(lines.contains { $0.hasPrefix(model + " ") }, "\(model) missing\n\(result.stdout)")
        }
        for day in ["2026-11-20", "2026-11-21", "2026-11-22"] {
            #expect(lines.contains { $0.hasPrefix(day + " ") }, "\(day) missing\n\(result.stdout)")
        }
        // 47 turns of the refactor session and the failed call of sess-fix-ci use this model.
        let sonnet = try #require(lines.first { $0.hasPrefix("claude-sonnet-4-5-20250929 ") })
        #expect(sonnet.split(separator: " ").dropFirst().first == "48")
    }

    @Test func pricesShowsTheMatchedEntry() throws {
        let result = try runner.run(["prices", "claude-sonnet-4-5-20250929"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines.first == "claude-sonnet-4-5-20250929 → claude-sonnet-4-5-20250929 (anthropic)", "\(result)")
        #expect(result.stdout.contains("input $3.00"), "\(result)")
        #expect(result.stdout.contains("output $15.00"), "\(result)")
    }

    @Test func pricesOfAnUnknownModelExitsOne() throws {
        let result = try runner.run(["prices", "my-local-llama"])
        #expect(result.status == 1, "\(result)")
        #expect((result.stdout + result.stderr).contains("my-local-llama: no price entry"), "\(result)")
        #expect(!result.stdout.contains("per 1M tokens"), "\(result)")
    }
}
