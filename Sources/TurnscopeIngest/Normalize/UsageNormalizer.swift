import TurnscopeModel

/// Turns the usage shapes clients send into `Usage`, keeping each counter apart and making `input`
/// mean uncached input (see FORMATS.md §0, CONTRACT.md §3.4 and docs/native-format.md §7,
/// "Converting Langfuse usage").
///
/// The shape is recognised from its keys, in this order:
///
/// | shape | recognised by | `input` | `cacheRead` | `cacheWrite5m` / `1h` | `output` | `reasoning` |
/// |---|---|---|---|---|---|---|
/// | OpenAI Chat | `prompt_tokens` or `completion_tokens`, no `input`/`output` | `prompt_tokens − cached − cache writes` | `prompt_tokens_details.cached_tokens` (litellm: `cache_read_input_tokens`) | `prompt_tokens_details.cache_write_tokens` (litellm: `cache_creation_input_tokens`) | `completion_tokens` | `completion_tokens_details.reasoning_tokens` |
/// | OpenAI Responses | `input_tokens_details` or `output_tokens_details` | `input_tokens − cached − cache writes` | `input_tokens_details.cached_tokens` | `input_tokens_details.cache_write_tokens` | `output_tokens` | `output_tokens_details.reasoning_tokens` |
/// | Anthropic | `input_tokens` or `output_tokens`, no `input`/`output`; before OpenAI Responses when it names a cache counter | `input_tokens` (already uncached) | `cache_read_input_tokens` | `cache_creation.ephemeral_5m/1h_input_tokens`, else all of `cache_creation_input_tokens` as 5m | `output_tokens` | `output_tokens_details.thinking_tokens` |
/// | legacy camel | `promptTokens`, `completionTokens` or `totalTokens` | `promptTokens` | — | — | `completionTokens` | — |
/// | Langfuse keys (also legacy `{input, output, total, unit}`) | anything else | `input` + other `input_*` buckets | `cache_read_input_tokens`, `input_cached_tokens`, `input_cache_read`, … | `input_cache_creation_5m`/`_1h`, else `cache_creation_input_tokens`, `input_cache_creation`, … as 5m | `output` + `output_*` buckets (reasoning included) | `output_reasoning_tokens`, `output_reasoning`, `reasoning_tokens` |
///
/// Langfuse's usage keys are *disjoint buckets* whose sum is the total (its server sets `total` to
/// that sum when none is sent): `input` excludes cached tokens (litellm subtracts them, CONTRACT
/// P10) and `output` excludes `output_reasoning_tokens` (the server's OpenAI transform and its
/// LangChain handler subtract them). Turnscope's `input` is uncached input too, so Langfuse's
/// `input` is kept as it is; its `output` includes reasoning, so the reasoning bucket is added back.
///
/// A counter that is not a non-negative integer (or a string of digits, which Langfuse parses) is
/// ignored, as Langfuse drops it; nothing here throws or traps. OpenAI detail counters other than
/// cache and reasoning (`audio_tokens`, `accepted_prediction_tokens`, …) stay inside `input` or
/// `output` and are listed in `other` as `input_<name>` / `output_<name>` when not zero.
public enum UsageNormalizer {
    /// Usage from a Langfuse `usageDetails` / `usage_details` object (also the legacy `usage`
    /// object and OpenAI- or Anthropic-shaped usage), nil when it holds no counter.
    public static func usage(fromLangfuse details: [String: JSONValue]) -> Usage? {
        let usage: Usage
        let hasLangfuseKeys = has(details, "input") || has(details, "output")
        if !hasLangfuseKeys, has(details, "prompt_tokens") || has(details, "completion_tokens") {
            usage = openAIChat(details)
        } else if !hasLangfuseKeys, !isAnthropic(details),
            has(details, "input_tokens_details") || has(details, "output_tokens_details")
        {
            usage = openAIResponses(details)
        } else if !hasLangfuseKeys, has(details, "input_tokens") || has(details, "output_tokens") {
            usage = anthropic(details)
        } else if has(details, "promptTokens") || has(details, "completionTokens") || has(details, "totalTokens") {
            // Langfuse's server reads the camel form first and ignores the rest of the object.
            usage = Usage(
                input: count(details["promptTokens"]), output: count(details["completionTokens"]),
                total: count(details["totalTokens"]))
        } else {
            usage = langfuseKeys(details)
        }
        return usage.isEmpty ? nil : usage
    }

    /// Usage from a Langfuse event's legacy `usage` and its `usageDetails`: where both name a
    /// counter, `usageDetails` wins, as on Langfuse's server.
    public static func usage(legacy: [String: JSONValue]?, details: [String: JSONValue]?) -> Usage? {
        merge(legacy.flatMap { usage(fromLangfuse: $0) }, overriddenBy: details.flatMap { usage(fromLangfuse: $0) })
    }

    /// `base` with every counter that `override` sets replaced; nil when both are nil.
    public static func merge(_ base: Usage?, overriddenBy override: Usage?) -> Usage? {
        guard let base else { return override }
        guard let override else { return base }
        return Usage(
            input: override.input ?? base.input, output: override.output ?? base.output,
            cacheRead: override.cacheRead ?? base.cacheRead, cacheWrite5m: override.cacheWrite5m ?? base.cacheWrite5m,
            cacheWrite1h: override.cacheWrite1h ?? base.cacheWrite1h, reasoning: override.reasoning ?? base.reasoning,
            total: override.total ?? base.total, other: base.other.merging(override.other) { _, new in new })
    }

    // MARK: - Cost

    /// The cost a client reported: a Langfuse `costDetails` object (USD numbers ≥ 0; `total` is
    /// the total, every other key a part, named like the usage counters: `input`, `output`,
    /// `cacheRead`, `cacheWrite5m`, `cacheWrite1h`, `reasoning`, or the key itself), or a legacy
    /// `usage` object's `inputCost` / `outputCost` / `totalCost`. Nil when it holds no amount.
    ///
    /// An object with any `…Cost` key is read as legacy usage, and only those keys are read, so a
    /// legacy usage object can be passed whole without its token counts being taken for dollars.
    public static func cost(fromLangfuse details: [String: JSONValue]) -> Cost? {
        if has(details, "inputCost") || has(details, "outputCost") || has(details, "totalCost") {
            return cost(fromLegacyUsage: details)
        }
        var total: Double?
        var parts: [String: Double] = [:]
        var claimed: Set<String> = []
        // Aliases first, in their priority order, so that the same input always gives the same part.
        for (name, aliases) in counterAliases where !["input", "output", "total"].contains(name) {
            let part = name == "cacheWrite" ? "cacheWrite5m" : name
            for alias in aliases where has(details, alias) {
                claimed.insert(alias)
                if parts[part] == nil, let amount = dollars(details[alias]) { parts[part] = amount }
            }
        }
        for key in details.keys.sorted() where !claimed.contains(key) {
            guard let amount = dollars(details[key]) else { continue }
            if key == "total" { total = amount } else { parts[key] = amount }
        }
        if total == nil, parts.isEmpty { return nil }
        return Cost(total: total, parts: parts)
    }

    /// The cost in a legacy Langfuse `usage` object: `inputCost`, `outputCost` and `totalCost`.
    public static func cost(fromLegacyUsage usage: [String: JSONValue]) -> Cost? {
        var parts: [String: Double] = [:]
        if let input = dollars(usage["inputCost"]) { parts["input"] = input }
        if let output = dollars(usage["outputCost"]) { parts["output"] = output }
        let total = dollars(usage["totalCost"])
        if total == nil, parts.isEmpty { return nil }
        return Cost(total: total, parts: parts)
    }

    /// `base` with `override`'s total and parts laid over it; nil when both are nil.
    public static func merge(_ base: Cost?, overriddenBy override: Cost?) -> Cost? {
        guard let base else { return override }
        guard let override else { return base }
        return Cost(total: override.total ?? base.total, parts: base.parts.merging(override.parts) { _, new in new })
    }

    // MARK: - Shapes

    /// OpenAI Chat Completions usage; `prompt_tokens` counts cached tokens, which are subtracted.
    static func openAIChat(_ details: [String: JSONValue]) -> Usage {
        let prompt = details["prompt_tokens_details"]?.objectValue ?? [:]
        let completion = details["completion_tokens_details"]?.objectValue ?? [:]
        // litellm's usage object repeats Anthropic's cache counters at the top level.
        let cacheRead = count(prompt["cached_tokens"]) ?? count(details["cache_read_input_tokens"])
        let cacheWrite = count(prompt["cache_write_tokens"]) ?? count(prompt["cache_creation_tokens"])
            ?? count(details["cache_creation_input_tokens"])
        var usage = Usage(
            input: uncached(count(details["prompt_tokens"]), minus: cacheRead, cacheWrite),
            output: count(details["completion_tokens"]), cacheRead: cacheRead, cacheWrite5m: cacheWrite,
            reasoning: count(completion["reasoning_tokens"]), total: count(details["total_tokens"]))
        addDetails(prompt, prefix: "input_", skipping: ["cached_tokens", "cache_write_tokens", "cache_creation_tokens"], to: &usage)
        addDetails(completion, prefix: "output_", skipping: ["reasoning_tokens"], to: &usage)
        return usage
    }

    /// OpenAI Responses usage; `input_tokens` counts cached tokens, which are subtracted.
    static func openAIResponses(_ details: [String: JSONValue]) -> Usage {
        let input = details["input_tokens_details"]?.objectValue ?? [:]
        let output = details["output_tokens_details"]?.objectValue ?? [:]
        let cacheRead = count(input["cached_tokens"])
        let cacheWrite = count(input["cache_write_tokens"])
        var usage = Usage(
            input: uncached(count(details["input_tokens"]), minus: cacheRead, cacheWrite),
            output: count(details["output_tokens"]), cacheRead: cacheRead, cacheWrite5m: cacheWrite,
            reasoning: count(output["reasoning_tokens"]), total: count(details["total_tokens"]))
        addDetails(input, prefix: "input_", skipping: ["cached_tokens", "cache_write_tokens"], to: &usage)
        addDetails(output, prefix: "output_", skipping: ["reasoning_tokens"], to: &usage)
        return usage
    }

    /// Anthropic Messages usage; `input_tokens` already excludes cache reads and writes.
    /// Anthropic usage names its cache counters; recent versions (Claude Code 2.1.3xx) also send
    /// `output_tokens_details: {thinking_tokens}`, which must not make it read as OpenAI Responses
    /// usage, whose `input_tokens` include the cache.
    private static func isAnthropic(_ details: [String: JSONValue]) -> Bool {
        has(details, "cache_read_input_tokens") || has(details, "cache_creation_input_tokens")
            || details["cache_creation"]?.objectValue != nil
    }

    static func anthropic(_ details: [String: JSONValue]) -> Usage {
        let split = details["cache_creation"]?.objectValue ?? [:]
        let (write5m, write1h) = cacheWrites(
            total: count(details["cache_creation_input_tokens"]), fiveMinutes: count(split["ephemeral_5m_input_tokens"]),
            oneHour: count(split["ephemeral_1h_input_tokens"]))
        var usage = Usage(
            input: count(details["input_tokens"]), output: count(details["output_tokens"]),
            cacheRead: count(details["cache_read_input_tokens"]), cacheWrite5m: write5m, cacheWrite1h: write1h,
            total: count(details["total_tokens"]))
        // Thinking is part of Anthropic's output, so it is a reasoning count, never added to it.
        if let thinking = count(details["output_tokens_details"]?.objectValue?["thinking_tokens"]), thinking > 0 {
            usage.reasoning = thinking
        }
        if case .object(let serverTools)? = details["server_tool_use"] {
            for (key, value) in serverTools { if let number = count(value), number > 0 { usage.other[key] = number } }
        }
        return usage
    }

    /// Langfuse's own keys, disjoint buckets (see the type's documentation).
    private static func langfuseKeys(_ details: [String: JSONValue]) -> Usage {
        // Legacy `usage` may count something other than tokens; such counts must not be priced
        // as tokens, so they are kept by name (`input_characters`) and nothing else is read.
        if case .string(let unit)? = details["unit"], unit.uppercased() != "TOKENS" {
            var usage = Usage()
            for key in ["input", "output", "total"] {
                if let number = count(details[key]) { usage.other["\(key)_\(unit.lowercased())"] = number }
            }
            return usage
        }
        // Each counter takes its first alias (in `counterAliases` order) that holds a count. The
        // object is walked rather than probed for every alias: it has a handful of keys, the alias
        // list two dozen, and this runs for every generation.
        var found: [String: Int64] = [:]
        var foundRank: [String: Int] = [:]
        for (key, value) in details {
            guard let (name, rank) = aliasRanks[key], let number = count(value) else { continue }
            if let best = foundRank[name], best < rank { continue }
            found[name] = number
            foundRank[name] = rank
        }

        let (write5m, write1h) = cacheWrites(
            total: found["cacheWrite"], fiveMinutes: found["cacheWrite5m"], oneHour: found["cacheWrite1h"])
        var usage = Usage(
            input: found["input"], output: found["output"], cacheRead: found["cacheRead"], cacheWrite5m: write5m,
            cacheWrite1h: write1h, reasoning: found["reasoning"], total: found["total"])
        var extraInput: Int64 = 0
        var extraOutput: Int64 = 0
        for (key, value) in details where aliasRanks[key] == nil && !nonBucketKeys.contains(key) {
            guard let number = count(value) else { continue }
            usage.other[key] = number
            if key.hasPrefix("input_") { extraInput = extraInput.addingClamped(number) }
            if key.hasPrefix("output_") { extraOutput = extraOutput.addingClamped(number) }
        }
        if let reasoning = usage.reasoning { extraOutput = extraOutput.addingClamped(reasoning) }
        if extraInput > 0 { usage.input = (usage.input ?? 0).addingClamped(extraInput) }
        if extraOutput > 0 { usage.output = (usage.output ?? 0).addingClamped(extraOutput) }
        return usage
    }

    // MARK: - Helpers

    /// Langfuse key aliases by Turnscope counter, in priority order: the first one present wins,
    /// so a client that sends two spellings of one counter is not counted twice.
    private static let counterAliases: [(String, [String])] = [
        ("input", ["input"]),
        ("output", ["output"]),
        ("total", ["total"]),
        ("cacheRead", ["cache_read_input_tokens", "input_cached_tokens", "input_cache_read", "input_cache_read_tokens", "cache_read_tokens"]),
        ("cacheWrite", ["cache_creation_input_tokens", "input_cache_creation", "input_cache_write", "input_cache_creation_tokens", "cache_write_tokens"]),
        ("cacheWrite5m", ["input_cache_creation_5m", "input_cache_creation_ephemeral_5m_input_tokens", "ephemeral_5m_input_tokens"]),
        ("cacheWrite1h", ["input_cache_creation_1h", "input_cache_creation_ephemeral_1h_input_tokens", "ephemeral_1h_input_tokens"]),
        ("reasoning", ["output_reasoning_tokens", "output_reasoning", "reasoning_tokens"]),
    ]

    /// Each alias of `counterAliases`: the counter it names and its place among that counter's aliases.
    private static let aliasRanks: [String: (name: String, rank: Int)] = {
        var ranks: [String: (name: String, rank: Int)] = [:]
        for (name, aliases) in counterAliases {
            for (rank, alias) in aliases.enumerated() { ranks[alias] = (name, rank) }
        }
        return ranks
    }()

    /// Keys of a Langfuse usage object that are not extra buckets: its unit and costs, and
    /// provider-named totals next to Langfuse's own keys, which repeat them.
    private static let nonBucketKeys: Set<String> = [
        "unit", "inputCost", "outputCost", "totalCost",
        "prompt_tokens", "completion_tokens", "total_tokens", "input_tokens", "output_tokens",
    ]

    /// Cache writes by lifetime. Without a split, every write is a 5-minute write (Anthropic's
    /// default); with one, writes the split does not account for are added to the 5-minute ones.
    private static func cacheWrites(total: Int64?, fiveMinutes: Int64?, oneHour: Int64?) -> (Int64?, Int64?) {
        guard fiveMinutes != nil || oneHour != nil else { return (total, nil) }
        let split = (fiveMinutes ?? 0).addingClamped(oneHour ?? 0)
        guard let total, total > split else { return (fiveMinutes, oneHour) }
        return ((fiveMinutes ?? 0) + (total - split), oneHour)
    }

    /// Provider input minus the cached tokens it includes, never below zero.
    private static func uncached(_ input: Int64?, minus cacheRead: Int64?, _ cacheWrite: Int64?) -> Int64? {
        guard let input else { return nil }
        var rest = input
        rest -= min(rest, cacheRead ?? 0)
        rest -= min(rest, cacheWrite ?? 0)
        return rest
    }

    /// Non-zero detail counters, kept under `prefix + name`.
    private static func addDetails(
        _ details: [String: JSONValue], prefix: String, skipping: Set<String>, to usage: inout Usage
    ) {
        for (key, value) in details where !skipping.contains(key) {
            if let number = count(value), number > 0 { usage.other[prefix + key] = number }
        }
    }

    /// A token count: a non-negative integer (a float without a fraction counts), or a string of
    /// digits; nil for anything else.
    private static func count(_ value: JSONValue?) -> Int64? {
        switch value {
        case .string(let text)?:
            guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int64(text)
        case let value?:
            guard let number = value.integerValue, number >= 0 else { return nil }
            return number
        case nil:
            return nil
        }
    }

    /// A non-negative, finite amount in USD.
    private static func dollars(_ value: JSONValue?) -> Double? {
        guard let number = value?.doubleValue, number.isFinite, number >= 0 else { return nil }
        return number
    }

    private static func has(_ details: [String: JSONValue], _ key: String) -> Bool {
        guard let value = details[key] else { return false }
        return value != .null
    }
}

extension Int64 {
    /// The sum, held at `Int64.max` rather than trapping: counters come from untrusted clients.
    fileprivate func addingClamped(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
