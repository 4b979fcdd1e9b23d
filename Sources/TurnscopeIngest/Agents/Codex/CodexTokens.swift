import TurnscopeModel

/// One `TokenUsage` object of a Codex rollout (`token_count.info.total_token_usage`,
/// `.last_token_usage`, `token_usage_record.usage`), in OpenAI's convention: `input` includes the
/// cached tokens and `output` includes the reasoning tokens.
struct CodexTokens: Equatable {
    var input: Int64
    var cached: Int64
    var cacheWrite: Int64
    var output: Int64
    var reasoning: Int64
    var total: Int64

    init(input: Int64 = 0, cached: Int64 = 0, cacheWrite: Int64 = 0, output: Int64 = 0, reasoning: Int64 = 0, total: Int64 = 0) {
        self.input = input
        self.cached = cached
        self.cacheWrite = cacheWrite
        self.output = output
        self.reasoning = reasoning
        self.total = total
    }

    /// Reads the counters; a missing counter is 0 and a negative one is taken as 0, so that the
    /// arithmetic below can neither trap nor go below zero on a hand-edited file.
    init(_ fields: FieldReader) throws(FieldError) {
        func count(_ key: String) throws(FieldError) -> Int64 { max(0, try fields.integer(key) ?? 0) }
        self.init(
            input: try count("input_tokens"), cached: try count("cached_input_tokens"),
            cacheWrite: try count("cache_write_input_tokens"), output: try count("output_tokens"),
            reasoning: try count("reasoning_output_tokens"), total: try count("total_tokens"))
    }

    /// What was spent since `previous`, counter by counter and never below zero: the fallback when
    /// a `token_count` carries no `last_token_usage`. When every counter went backwards the running
    /// total restarted (a new process), and the new total is itself the spend.
    func since(_ previous: CodexTokens?) -> CodexTokens {
        guard let previous else { return self }
        if input < previous.input, output < previous.output { return self }
        func delta(_ now: Int64, _ before: Int64) -> Int64 { now > before ? now - before : 0 }
        return CodexTokens(
            input: delta(input, previous.input), cached: delta(cached, previous.cached),
            cacheWrite: delta(cacheWrite, previous.cacheWrite), output: delta(output, previous.output),
            reasoning: delta(reasoning, previous.reasoning), total: delta(total, previous.total))
    }

    /// Turnscope's usage: `input` is the uncached input (cached tokens and cache writes taken out),
    /// `reasoning` stays a part of `output`, and `total` is left to be derived.
    var usage: Usage {
        var uncached = input
        uncached -= min(uncached, cached)
        uncached -= min(uncached, cacheWrite)
        return Usage(
            input: uncached, output: output, cacheRead: cached, cacheWrite5m: cacheWrite > 0 ? cacheWrite : nil,
            reasoning: reasoning)
    }
}

/// The `info` of a `token_count` event: the session's running total and the last call's spend.
struct CodexTokenInfo {
    var total: CodexTokens?
    var last: CodexTokens?
}
