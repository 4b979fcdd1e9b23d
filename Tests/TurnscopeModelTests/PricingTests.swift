import Foundation
import Testing

@testable import TurnscopeModel

/// Prices come from the bundled LiteLLM 1.109.1 snapshot; the expected figures below are worked out
/// by hand from its entries (quoted next to each test), so a regenerated table with other prices
/// fails here loudly rather than drifting silently.
@Suite struct PricingTests {
    let table = PriceTable.bundled

    // MARK: - The bundled table

    @Test func bundledTableParsesAndIsLarge() {
        #expect(table.prices.count > 3000)
        #expect(table.prices.map(\.key) == table.prices.map(\.key).sorted())
        #expect(!table.prices.contains { $0.key == "sample_spec" })
    }

    @Test func bundledEntryHasLiteLLMPrices() throws {
        // claude-sonnet-4-5-20250929: input 3e-06, output 1.5e-05, cache_read 3e-07,
        // cache_creation 3.75e-06, cache_creation_above_1hr 6e-06 (FORMATS.md §7).
        let price = try #require(table.match(model: "claude-sonnet-4-5-20250929"))
        #expect(price.key == "claude-sonnet-4-5-20250929")
        #expect(price.provider == "anthropic")
        #expect(price.input == 3e-6)
        #expect(price.output == 1.5e-5)
        #expect(price.cacheRead == 3e-7)
        #expect(price.cacheWrite5m == 3.75e-6)
        #expect(price.cacheWrite1h == 6e-6)
        #expect(price.reasoning == nil)
        #expect(price.longContext == nil)
    }

    // MARK: - Cost rule

    @Test func anthropicCostByHand() throws {
        let usage = Usage(input: 1000, output: 500, cacheRead: 20000, cacheWrite5m: 3000, cacheWrite1h: 1000)
        let priced = try #require(table.cost(model: "claude-sonnet-4-5-20250929", usage: usage))
        let parts: [String: Double] = [
            "input": 1000 * 3e-6,  // 0.003
            "output": 500 * 1.5e-5,  // 0.0075
            "cacheRead": 20000 * 3e-7,  // 0.006
            "cacheWrite5m": 3000 * 3.75e-6,  // 0.01125
            "cacheWrite1h": 1000 * 6e-6,  // 0.006
        ]
        #expect(priced.entry == "claude-sonnet-4-5-20250929")
        #expect(!priced.longContext)
        #expect(abs((priced.cost.total ?? -1) - 0.03375) < 1e-12)
        #expect(Set(priced.cost.parts.keys) == Set(parts.keys))
        for (kind, expected) in parts {
            #expect(abs((priced.cost.parts[kind] ?? -1) - expected) < 1e-12, "part \(kind)")
        }
    }

    @Test func openAICostByHand() throws {
        // gpt-4o: input 2.5e-06, output 1e-05, cache_read 1.25e-06. Input is uncached input.
        let usage = Usage(input: 10_000, output: 800, cacheRead: 2_000, reasoning: 300)
        let priced = try #require(table.cost(model: "gpt-4o", usage: usage))
        #expect(priced.entry == "gpt-4o")
        // 0.025 + 0.008 + 0.0025; the 300 reasoning tokens are inside the 800 output, billed once.
        #expect(abs((priced.cost.total ?? -1) - 0.0355) < 1e-12)
        #expect(abs((priced.cost.parts["output"] ?? -1) - 0.008) < 1e-12)
        #expect(Set(priced.cost.parts.keys) == ["input", "output", "cacheRead"])

        // openai/gpt-4.1-mini → gpt-4.1-mini: input 4e-07, output 1.6e-06, cache_read 1e-07.
        let mini = try #require(table.cost(model: "openai/gpt-4.1-mini", usage: Usage(input: 1_000_000, output: 100_000, cacheRead: 500_000)))
        #expect(mini.entry == "gpt-4.1-mini")
        #expect(abs((mini.cost.total ?? -1) - (0.4 + 0.16 + 0.05)) < 1e-12)
    }

    @Test func distinctReasoningPriceBillsReasoningApart() throws {
        // dashscope/qwen-turbo: output 2e-07, output_cost_per_reasoning_token 5e-07.
        let price = try #require(table.match(model: "dashscope/qwen-turbo"))
        #expect(price.reasoning == 5e-7)
        let priced = try #require(price.cost(for: Usage(output: 1000, reasoning: 400)))
        // 600 × 2e-7 + 400 × 5e-7
        #expect(abs((priced.cost.total ?? -1) - 3.2e-4) < 1e-12)
        #expect(Set(priced.cost.parts.keys) == ["output"])
    }

    @Test func missingCachePricesUseDocumentedDefaults() throws {
        let price = ModelPrice(key: "bare", input: 1e-6, output: 2e-6)
        let priced = try #require(price.cost(for: Usage(input: 10, output: 10, cacheRead: 100, cacheWrite5m: 1000, cacheWrite1h: 10_000)))
        #expect(abs((priced.cost.parts["cacheRead"] ?? -1) - 100 * 1e-6) < 1e-15)  // input price
        #expect(abs((priced.cost.parts["cacheWrite5m"] ?? -1) - 1000 * 1.25e-6) < 1e-15)  // 1.25 × input
        #expect(abs((priced.cost.parts["cacheWrite1h"] ?? -1) - 10_000 * 2e-6) < 1e-15)  // 2 × input
        let sum = priced.cost.parts.values.reduce(0, +)
        #expect(abs((priced.cost.total ?? -1) - sum) < 1e-15)
    }

    @Test func reportedZeroIsARealZeroButNoCountersIsUnknown() throws {
        let zero = try #require(table.cost(model: "gpt-4o", usage: Usage(input: 0, output: 0)))
        #expect(zero.cost.total == 0)
        #expect(table.cost(model: "gpt-4o", usage: Usage()) == nil)
        #expect(table.cost(model: "gpt-4o", usage: Usage(total: 1234)) == nil)  // no breakdown to price
        #expect(table.cost(model: "gpt-4o", usage: Usage(other: ["web_search": 2])) == nil)
    }

    @Test func unknownOrMissingModelHasNoCost() {
        let usage = Usage(input: 1000, output: 1000)
        #expect(table.cost(model: "my-local-model", usage: usage) == nil)
        #expect(table.cost(model: nil, usage: usage) == nil)
        #expect(table.cost(model: "", usage: usage) == nil)
    }

    // MARK: - Long context

    @Test func longContextTierBillsTheWholeRequest() throws {
        // vertex_ai/claude-sonnet-4-5@20250929: base 3e-06 / 1.5e-05 / read 3e-07; above 200k:
        // input 6e-06, output 2.25e-05, cache_read 6e-07, cache_creation 7.5e-06, 1h 1.2e-05.
        let usage = Usage(input: 190_000, output: 1_000, cacheRead: 15_000, cacheWrite5m: 1_000)  // prompt 206k
        let priced = try #require(table.cost(model: "claude-sonnet-4-5@20250929", usage: usage))
        #expect(priced.entry == "vertex_ai/claude-sonnet-4-5@20250929")
        #expect(priced.longContext)
        // 190000 × 6e-6 + 1000 × 2.25e-5 + 15000 × 6e-7 + 1000 × 7.5e-6
        #expect(abs((priced.cost.total ?? -1) - (1.14 + 0.0225 + 0.009 + 0.0075)) < 1e-12)
        #expect(abs((priced.cost.parts["output"] ?? -1) - 0.0225) < 1e-12)

        // The same request on the direct Anthropic key, which has no tier in this snapshot.
        let direct = try #require(table.cost(model: "claude-sonnet-4-5-20250929", usage: usage))
        #expect(!direct.longContext)
        #expect(abs((direct.cost.total ?? -1) - (0.57 + 0.015 + 0.0045 + 0.00375)) < 1e-12)
    }

    @Test func longContextThresholdIsExclusive() throws {
        // gemini-2.5-pro: base input 1.25e-06, output 1e-05, cache_read 1.25e-07;
        // above 200k: input 2.5e-06, output 1.5e-05, cache_read 2.5e-07.
        let price = try #require(table.match(model: "gemini-2.5-pro"))
        #expect(price.longContext?.threshold == 200_000)
        let at = try #require(price.cost(for: Usage(input: 150_000, output: 2_000, cacheRead: 50_000)))
        #expect(!at.longContext)
        #expect(abs((at.cost.total ?? -1) - (0.1875 + 0.02 + 0.00625)) < 1e-12)
        let above = try #require(price.cost(for: Usage(input: 150_000, output: 2_000, cacheRead: 50_001)))
        #expect(above.longContext)
        #expect(abs((above.cost.total ?? -1) - (0.375 + 0.03 + 50_001 * 2.5e-7)) < 1e-12)
    }

    @Test func tierWithoutCachePricesFallsBackToBaseCachePrices() throws {
        let price = ModelPrice(
            key: "t", input: 1e-6, output: 2e-6, cacheRead: 1e-7,
            longContext: .init(threshold: 100, input: 4e-6, output: 8e-6))
        let priced = try #require(price.cost(for: Usage(input: 100, output: 10, cacheRead: 10, cacheWrite5m: 10, cacheWrite1h: 10)))
        #expect(priced.longContext)
        #expect(abs((priced.cost.parts["input"] ?? -1) - 100 * 4e-6) < 1e-15)
        #expect(abs((priced.cost.parts["cacheRead"] ?? -1) - 10 * 1e-7) < 1e-15)  // the entry's own read price
        #expect(abs((priced.cost.parts["cacheWrite5m"] ?? -1) - 10 * 5e-6) < 1e-15)  // 1.25 × tier input
        #expect(abs((priced.cost.parts["cacheWrite1h"] ?? -1) - 10 * 8e-6) < 1e-15)  // 2 × tier input
    }

    // MARK: - Matching names

    @Test(arguments: [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929"),
        ("CLAUDE-Sonnet-4-5-20250929", "claude-sonnet-4-5-20250929"),
        ("  claude-sonnet-4-5-20250929 ", "claude-sonnet-4-5-20250929"),
        ("claude-sonnet-4-5-20250929[1m]", "claude-sonnet-4-5-20250929"),
        ("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"),
        ("anthropic/claude-sonnet-4.5", "claude-sonnet-4-5"),
        ("openrouter/anthropic/claude-sonnet-4.5", "claude-sonnet-4-5"),
        ("claude-sonnet-4-5@20250929", "vertex_ai/claude-sonnet-4-5@20250929"),
        ("vertex_ai/claude-sonnet-4-5-20250929", "vertex_ai/claude-sonnet-4-5@20250929"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
        // A region with no entry of its own falls back to a Bedrock entry of the same model.
        ("apac.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929-v1:0"),
        ("gpt-4o", "gpt-4o"),
        ("gpt-4o-mini", "gpt-4o-mini"),
        ("gpt-4o-2024-08-06", "gpt-4o-2024-08-06"),
        ("gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),
        ("openai/gpt-4o", "gpt-4o"),
        ("openai/gpt-4.1-mini", "gpt-4.1-mini"),
        ("azure/gpt-4.1-mini", "azure/gpt-4.1-mini"),
        ("gemini/gemini-2.5-pro", "gemini/gemini-2.5-pro"),
        ("models/gemini-2.5-pro", "gemini-2.5-pro"),
        // A dated name finds the undated key…
        ("gpt-4o-2099-01-01", "gpt-4o"),
        ("gpt-4o-mini-20990101", "gpt-4o-mini"),
        ("claude-sonnet-4-5-20991231", "claude-sonnet-4-5"),
        // …and an undated name the latest dated key.
        ("gpt-4o-audio-preview", "gpt-4o-audio-preview-2025-06-03"),
        ("openai/gpt-4o-audio-preview", "gpt-4o-audio-preview-2025-06-03"),
    ])
    func matchesRealNames(name: String, key: String) {
        #expect(table.match(model: name)?.key == key)
    }

    @Test func aliasFindsAModelOfTheSameFamily() throws {
        // No direct claude-3-5-haiku key in this snapshot; "-latest" is an alias, dropped like a date.
        let price = try #require(table.match(model: "claude-3-5-haiku-latest"))
        #expect(price.key.contains("claude-3-5-haiku"))
        // The release's own entry, not a reseller's copy of the alias (deepinfra's is 10% dearer).
        let sonnet = try #require(table.match(model: "claude-3-7-sonnet-latest"))
        #expect(sonnet.key == "anthropic.claude-3-7-sonnet-20250219-v1:0")
        #expect(sonnet.input == 3e-6)
    }

    @Test(arguments: [
        "my-local-model", "gpt", "claude", "gpt-4o-mini-turbo-ultra", "anthropic/", "/", "@", "-v1:0",
        "llama-local:8b", "us.", "2025-01-01",
    ])
    func doesNotMatchNonsense(name: String) {
        #expect(table.match(model: name) == nil)
    }

    @Test func neverMatchesByPrefix() {
        // Two real models whose names prefix one another stay apart in both directions.
        #expect(table.match(model: "gpt-4o")?.key == "gpt-4o")
        #expect(table.match(model: "gpt-4o-mini")?.key == "gpt-4o-mini")
        #expect(table.match(model: "openai/gpt-4o-mini-2099-01-01")?.key == "gpt-4o-mini")
        let custom = PriceTable(prices: [ModelPrice(key: "gpt-4o", input: 1, output: 1)])
        #expect(custom.match(model: "gpt-4o-mini") == nil)
        let onlyMini = PriceTable(prices: [ModelPrice(key: "gpt-4o-mini", input: 1, output: 1)])
        #expect(onlyMini.match(model: "gpt-4o") == nil)
    }

    @Test func lookupsAreFast() {
        let names = ["claude-sonnet-4-5@20250929", "openai/gpt-4.1-mini", "my-local-model", "gpt-4o-2099-01-01"]
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<2_500 { for name in names { _ = table.match(model: name) } }
        }
        // 10,000 lookups; generous for debug builds on slow CI, catches an accidental linear scan.
        #expect(elapsed < .seconds(5))
    }

    // MARK: - Overrides

    @Test func overridesFileAddsAndReplacesEntries() throws {
        let file = try temporaryFile(
            """
            {
              "my-model": {"input": 1e-6, "output": 2e-6, "cacheRead": 1e-7, "provider": "local"},
              "gpt-4o": {"input": 1e-6, "output": 4e-6,
                         "longContext": {"input": 2e-6, "output": 8e-6}}
            }
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let overrides = try PriceTable.overrides(contentsOf: file)
        #expect(overrides.map(\.key) == ["gpt-4o", "my-model"])
        let merged = table.merging(overrides)
        #expect(merged.prices.count == table.prices.count + 1)

        let mine = try #require(merged.cost(model: "openai/my-model", usage: Usage(input: 1000, output: 1000, cacheRead: 1000)))
        #expect(mine.entry == "my-model")
        #expect(abs((mine.cost.total ?? -1) - (1e-3 + 2e-3 + 1e-4)) < 1e-15)
        #expect(merged.match(model: "my-model")?.provider == "local")

        // Replaced whole: the bundled cache-read price of gpt-4o is gone, so reads cost the input price.
        let gpt = try #require(merged.match(model: "gpt-4o"))
        #expect(gpt.input == 1e-6 && gpt.output == 4e-6 && gpt.cacheRead == nil)
        #expect(gpt.longContext == ModelPrice.Tier(threshold: 200_000, input: 2e-6, output: 8e-6))
        // Other keys are untouched.
        #expect(merged.match(model: "gpt-4o-mini") == table.match(model: "gpt-4o-mini"))
        #expect(table.match(model: "my-model") == nil)
    }

    @Test(arguments: [
        (#"{"my-model": {"input": 1e-6, "output": 2e-6, "cacheRead": "cheap"}}"#, "my-model.cacheRead", "expected a number"),
        (#"{"my-model": {"input": 1e-6}}"#, "my-model.output", "is required"),
        (#"{"my-model": {"input": -1e-6, "output": 1e-6}}"#, "my-model.input", "≥ 0"),
        (#"{"my-model": {"input": 1e-6, "output": 1e-6, "cache_read": 1e-7}}"#, "my-model.cache_read", "unknown field"),
        (#"{"my-model": {"input": 1e-6, "output": 1e-6, "longContext": {"input": 1e-6}}}"#, "my-model.longContext.output", "is required"),
        (#"{"my-model": 3}"#, "my-model", "expected an object"),
    ])
    func malformedOverrideNamesModelAndField(json: String, field: String, reason: String) throws {
        let file = try temporaryFile(json)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = try #require(throws: PriceFileError.self) { try PriceTable.overrides(contentsOf: file) }
        #expect(error.file == file)
        #expect(error.field == field)
        #expect(error.reason.contains(reason), "\(error)")
        #expect(error.description.hasPrefix("\(file): \(field): "))
    }

    @Test func overrideFileThatIsNotJSONOrMissing() throws {
        let broken = try temporaryFile(#"{"my-model": {"input": 1e-6,"#)
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let notJSON = try #require(throws: PriceFileError.self) { try PriceTable.overrides(contentsOf: broken) }
        #expect(notJSON.field == nil)
        #expect(notJSON.reason.contains("malformed JSON"))

        let array = try temporaryFile("[]")
        defer { try? FileManager.default.removeItem(atPath: array) }
        let wrongShape = try #require(throws: PriceFileError.self) { try PriceTable.overrides(contentsOf: array) }
        #expect(wrongShape.reason.contains("expected an object of prices by model name"))

        let missing = "/nonexistent/turnscope-prices.json"
        let unreadable = try #require(throws: PriceFileError.self) { try PriceTable.overrides(contentsOf: missing) }
        #expect(unreadable.description.hasPrefix(missing))
    }

    private func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("turnscope-prices-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
