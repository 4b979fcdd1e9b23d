import Testing
import TurnscopeModel

/// Token totals and costs: cached tokens are counted once, reasoning is part of output, and an
/// unknown cost stays unknown.
@Suite struct UsageAndCostTests {
    static let anthropic = Usage(input: 7, output: 182, cacheRead: 29_935, cacheWrite5m: 85, cacheWrite1h: 1_000, reasoning: 50)

    @Test func promptTokensAreUncachedInputPlusCacheReadsAndWrites() {
        #expect(Self.anthropic.promptTokens == 7 + 29_935 + 85 + 1_000)
        #expect(Self.anthropic.cacheWrite == 85 + 1_000)
        #expect(Usage(input: 186, cacheRead: 1_024).promptTokens == 1_210)  // OpenAI, normalised
        #expect(Usage(output: 10).promptTokens == 0)
    }

    @Test func effectiveTotalIsTheReportedTotalElsePromptPlusOutput() {
        // Reasoning is inside output: it is never added again.
        #expect(Self.anthropic.effectiveTotal == 7 + 29_935 + 85 + 1_000 + 182)
        var reported = Self.anthropic
        reported.total = 99  // the client's figure wins, even when it disagrees
        #expect(reported.effectiveTotal == 99)
        #expect(Usage(input: 186, output: 57, cacheRead: 1_024).effectiveTotal == 1_267)
    }

    @Test func absentCountersCountAsZeroButStayAbsent() {
        let empty = Usage()
        #expect(empty.isEmpty)
        #expect(empty.promptTokens == 0)
        #expect(empty.effectiveTotal == 0)
        #expect(empty.json == [:])
        #expect(!Usage(other: ["web_search_requests": 1]).isEmpty)
        #expect(!Usage(reasoning: 0).isEmpty)
        #expect(Usage(input: 3, cacheWrite1h: 0).json == ["input": 3, "cacheWrite1h": 0])
    }

    @Test func costIsTheTotalElseTheSumOfItsParts() {
        #expect(Cost(total: 0.5).effectiveTotal == 0.5)
        #expect(Cost(total: 0.5, parts: ["input": 0.1, "output": 0.2]).effectiveTotal == 0.5)
        #expect(Cost(total: nil, parts: ["input": 0.25, "output": 0.5]).effectiveTotal == 0.75)
    }

    @Test func anUnknownCostIsNilNeverAMadeUpZero() {
        #expect(Cost(total: nil).effectiveTotal == nil)
        #expect(Cost(total: nil, parts: [:]).effectiveTotal == nil)
        // A free call is a known zero.
        #expect(Cost(total: 0).effectiveTotal == 0)
        #expect(Cost(total: nil, parts: ["input": 0]).effectiveTotal == 0)
    }
}
