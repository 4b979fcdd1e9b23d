import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// `UsageNormalizer`: every usage shape with exact numbers. The invariant under test is that each
/// prompt token lands in exactly one of `input`, `cacheRead`, `cacheWrite5m`, `cacheWrite1h`, and
/// that `reasoning` is inside `output`.
@Suite struct NormalizeUsageTests {
    static func usage(_ text: String) throws -> Usage? {
        UsageNormalizer.usage(fromLangfuse: try #require(try JSONText.parse(text).objectValue))
    }

    static func cost(_ text: String) throws -> Cost? {
        UsageNormalizer.cost(fromLangfuse: try #require(try JSONText.parse(text).objectValue))
    }

    // MARK: - OpenAI

    @Test func openAIChatSubtractsCachedTokens() throws {
        // FORMATS.md §1.1: prompt_tokens 1210 of which 1024 cached.
        #expect(
            try Self.usage(
                #"""
                {"prompt_tokens": 1210, "completion_tokens": 41, "total_tokens": 1251,
                 "prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}
                """#)
                == Usage(input: 186, output: 41, cacheRead: 1024, reasoning: 0, total: 1251))
    }

    @Test func recentAnthropicUsageWithThinkingDetailsIsNotReadAsOpenAIResponses() throws {
        // Claude Code 2.1.337's usage (shared/reference/agents/captured): `output_tokens_details`
        // beside Anthropic's cache counters, which stay apart from the uncached input.
        #expect(
            try Self.usage(
                #"""
                {"input_tokens": 25, "cache_creation_input_tokens": 800, "cache_read_input_tokens": 12000,
                 "output_tokens": 40, "output_tokens_details": {"thinking_tokens": 12},
                 "server_tool_use": {"web_search_requests": 0}, "service_tier": "standard",
                 "cache_creation": {"ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": 0}}
                """#)
                == Usage(input: 25, output: 40, cacheRead: 12_000, cacheWrite5m: 800, cacheWrite1h: 0, reasoning: 12))
    }

    @Test func openAIChatReasoningAndAudio() throws {
        let usage = try #require(
            try Self.usage(
                #"""
                {"prompt_tokens": 500, "completion_tokens": 300, "total_tokens": 800,
                 "prompt_tokens_details": {"cached_tokens": 100, "audio_tokens": 20},
                 "completion_tokens_details": {"reasoning_tokens": 256, "audio_tokens": 4}}
                """#))
        // Audio stays inside input and output (it is billed there) and is listed apart.
        #expect(usage == Usage(input: 400, output: 300, cacheRead: 100, reasoning: 256, total: 800, other: ["input_audio_tokens": 20, "output_audio_tokens": 4]))
        #expect(usage.promptTokens == 500)
    }

    @Test func openAIChatFromLitellmWithAnthropicCacheCounters() throws {
        // litellm's usage object for an Anthropic call: cache reads under prompt_tokens_details,
        // cache writes at the top level, both inside prompt_tokens.
        #expect(
            try Self.usage(
                #"""
                {"prompt_tokens": 5673, "completion_tokens": 65, "total_tokens": 5738,
                 "prompt_tokens_details": {"cached_tokens": 4096}, "cache_creation_input_tokens": 1200, "cache_read_input_tokens": 4096}
                """#)
                == Usage(input: 377, output: 65, cacheRead: 4096, cacheWrite5m: 1200, total: 5738))
    }

    @Test func openAIChatWithoutDetails() throws {
        #expect(
            try Self.usage(#"{"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30, "prompt_tokens_details": null}"#)
                == Usage(input: 10, output: 20, total: 30))
        // More cached than prompt (a broken client) clamps at zero instead of going negative.
        #expect(
            try Self.usage(#"{"prompt_tokens": 10, "prompt_tokens_details": {"cached_tokens": 15}}"#)
                == Usage(input: 0, cacheRead: 15))
    }

    @Test func openAIResponsesSubtractsCachedTokens() throws {
        // FORMATS.md §1.2: input_tokens 1310 of which 1152 cached.
        #expect(
            try Self.usage(
                #"""
                {"input_tokens": 1310, "input_tokens_details": {"cached_tokens": 1152}, "output_tokens": 11,
                 "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 1321}
                """#)
                == Usage(input: 158, output: 11, cacheRead: 1152, reasoning: 0, total: 1321))
    }

    // MARK: - Anthropic

    @Test func anthropicInputIsAlreadyUncached() throws {
        // FORMATS.md fixture anthropic_response_tooluse.json.
        #expect(
            try Self.usage(
                #"""
                {"input_tokens": 377, "cache_creation_input_tokens": 1200, "cache_read_input_tokens": 4096,
                 "cache_creation": {"ephemeral_5m_input_tokens": 1200, "ephemeral_1h_input_tokens": 0},
                 "output_tokens": 65, "service_tier": "standard"}
                """#)
                == Usage(input: 377, output: 65, cacheRead: 4096, cacheWrite5m: 1200, cacheWrite1h: 0))
    }

    @Test func anthropicCacheWriteSplit() throws {
        #expect(
            try Self.usage(
                #"{"input_tokens": 5, "output_tokens": 152, "cache_creation_input_tokens": 14561, "cache_creation": {"ephemeral_5m_input_tokens": 106, "ephemeral_1h_input_tokens": 14455}}"#)
                == Usage(input: 5, output: 152, cacheWrite5m: 106, cacheWrite1h: 14455))
        // Without the split every write is a 5-minute write.
        #expect(
            try Self.usage(#"{"input_tokens": 7, "output_tokens": 38, "cache_creation_input_tokens": 361, "cache_read_input_tokens": 14561}"#)
                == Usage(input: 7, output: 38, cacheRead: 14561, cacheWrite5m: 361))
        // Server tools are counted apart.
        #expect(
            try Self.usage(#"{"input_tokens": 7, "output_tokens": 38, "server_tool_use": {"web_search_requests": 2, "web_fetch_requests": 0}}"#)
                == Usage(input: 7, output: 38, other: ["web_search_requests": 2]))
    }

    // MARK: - Langfuse keys

    @Test func langfuseInputIsUncachedInput() throws {
        // Python SDK 2 capture: Langfuse's convention (CONTRACT P10) is that `input` excludes cache.
        #expect(try Self.usage(#"{"input": 10, "output": 5, "cache_read_input_tokens": 2}"#) == Usage(input: 10, output: 5, cacheRead: 2))
        // litellm's usageDetails.
        #expect(
            try Self.usage(#"{"input": 377, "output": 65, "total": 5738, "cache_creation_input_tokens": 1200, "cache_read_input_tokens": 4096}"#)
                == Usage(input: 377, output: 65, cacheRead: 4096, cacheWrite5m: 1200, total: 5738))
    }

    @Test func langfuseCacheAliases() throws {
        #expect(try Self.usage(#"{"input": 1, "input_cached_tokens": 9}"#) == Usage(input: 1, cacheRead: 9))
        #expect(try Self.usage(#"{"input": 1, "input_cache_read": 9, "input_cache_creation": 4}"#) == Usage(input: 1, cacheRead: 9, cacheWrite5m: 4))
        #expect(
            try Self.usage(#"{"input": 1, "input_cache_creation_5m": 3, "input_cache_creation_1h": 5}"#)
                == Usage(input: 1, cacheWrite5m: 3, cacheWrite1h: 5))
        // A total larger than the split: the rest is a 5-minute write.
        #expect(
            try Self.usage(#"{"input": 1, "cache_creation_input_tokens": 10, "input_cache_creation_1h": 6}"#)
                == Usage(input: 1, cacheWrite5m: 4, cacheWrite1h: 6))
        // Two spellings of one counter are not added up.
        #expect(try Self.usage(#"{"input": 1, "cache_read_input_tokens": 9, "input_cached_tokens": 9}"#) == Usage(input: 1, cacheRead: 9))
    }

    @Test func langfuseBucketsAreDisjoint() throws {
        // Langfuse's buckets add up to the total: `output` excludes reasoning, `input` excludes
        // audio. Turnscope's output includes reasoning, its input every uncached prompt token.
        let usage = try #require(
            try Self.usage(
                #"{"input": 400, "input_cached_tokens": 100, "input_audio_tokens": 20, "output": 44, "output_reasoning_tokens": 256, "output_audio_tokens": 4, "total": 824}"#))
        #expect(
            usage
                == Usage(
                    input: 420, output: 304, cacheRead: 100, reasoning: 256, total: 824,
                    other: ["input_audio_tokens": 20, "output_audio_tokens": 4]))
        #expect(usage.effectiveTotal == 824)
        #expect(usage.promptTokens + (usage.output ?? 0) == 824)
        #expect(try Self.usage(#"{"output": 10, "reasoning_tokens": 5}"#) == Usage(output: 15, reasoning: 5))
        #expect(try Self.usage(#"{"output_reasoning": 5}"#) == Usage(output: 5, reasoning: 5))
    }

    @Test func otherCountersAreKeptByName() throws {
        #expect(
            try Self.usage(#"{"input": 3, "web_search_requests": 1, "images": 2, "label": "x", "nested": {"a": 1}}"#)
                == Usage(input: 3, other: ["web_search_requests": 1, "images": 2]))
    }

    @Test func badCountersAreIgnored() throws {
        #expect(try Self.usage(#"{"input": -1, "output": 2.5, "total": "7", "cache_read_input_tokens": "1e3"}"#) == Usage(total: 7))
        #expect(try Self.usage(#"{"input": 1e300, "output": "99999999999999999999"}"#) == nil)
        #expect(try Self.usage(#"{"input": null, "output": true}"#) == nil)
        #expect(try Self.usage(#"{}"#) == nil)
        #expect(try Self.usage(#"{"input": 9223372036854775807, "input_audio_tokens": 5}"#)?.input == Int64.max)
    }

    // MARK: - Legacy usage

    @Test func legacyUsage() throws {
        #expect(try Self.usage(#"{"input": 7, "output": 3, "total": 10, "unit": "TOKENS"}"#) == Usage(input: 7, output: 3, total: 10))
        #expect(
            try Self.usage(#"{"input": 10, "output": 20, "unit": "TOKENS", "totalCost": 1.35e-05}"#) == Usage(input: 10, output: 20))
        #expect(
            try Self.usage(#"{"promptTokens": 12, "completionTokens": 4, "totalTokens": 16}"#) == Usage(input: 12, output: 4, total: 16))
        // Other units are not tokens: kept by name so they are never priced as tokens.
        #expect(
            try Self.usage(#"{"input": 120, "output": 40, "unit": "CHARACTERS"}"#)
                == Usage(other: ["input_characters": 120, "output_characters": 40]))
    }

    @Test func detailsOverrideLegacyUsage() throws {
        let legacy = try #require(try JSONText.parse(#"{"input": 10, "output": 20, "unit": "TOKENS"}"#).objectValue)
        let details = try #require(try JSONText.parse(#"{"input": 8, "cache_read_input_tokens": 2, "total": 30}"#).objectValue)
        #expect(UsageNormalizer.usage(legacy: legacy, details: details) == Usage(input: 8, output: 20, cacheRead: 2, total: 30))
        #expect(UsageNormalizer.usage(legacy: legacy, details: nil) == Usage(input: 10, output: 20))
        #expect(UsageNormalizer.usage(legacy: nil, details: nil) == nil)
    }

    // MARK: - Cost

    @Test func costDetails() throws {
        #expect(
            try Self.cost(#"{"input": 0.0001, "output": 0.0002}"#) == Cost(total: nil, parts: ["input": 0.0001, "output": 0.0002]))
        #expect(try Self.cost(#"{"total": 0.0123}"#) == Cost(total: 0.0123))
        #expect(
            try Self.cost(
                #"{"input": 1, "cache_read_input_tokens": 0.5, "input_cache_creation_1h": 0.25, "output_reasoning_tokens": 0.125, "web_search": 0.01, "total": 2}"#)
                == Cost(total: 2, parts: ["input": 1, "cacheRead": 0.5, "cacheWrite1h": 0.25, "reasoning": 0.125, "web_search": 0.01]))
        // Negative and non-numeric amounts are dropped, as Langfuse drops them.
        #expect(try Self.cost(#"{"input": -1, "output": "0.2"}"#) == nil)
        #expect(try Self.cost(#"{"total": 0}"#) == Cost(total: 0))
    }

    @Test func legacyCost() throws {
        #expect(
            try Self.cost(#"{"input": 10, "output": 20, "unit": "TOKENS", "inputCost": 0.1, "outputCost": 0.2, "totalCost": 0.3}"#)
                == Cost(total: 0.3, parts: ["input": 0.1, "output": 0.2]))
        #expect(try Self.cost(#"{"totalCost": 1.35e-05}"#) == Cost(total: 1.35e-05))
        let usage = try #require(try JSONText.parse(#"{"input": 10, "output": 20}"#).objectValue)
        #expect(UsageNormalizer.cost(fromLegacyUsage: usage) == nil)
        #expect(
            UsageNormalizer.merge(Cost(total: 1, parts: ["input": 0.4]), overriddenBy: Cost(total: nil, parts: ["input": 0.5, "output": 0.5]))
                == Cost(total: 1, parts: ["input": 0.5, "output": 0.5]))
    }
}
