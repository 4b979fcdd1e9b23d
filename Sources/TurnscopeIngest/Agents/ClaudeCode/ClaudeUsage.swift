import TurnscopeModel

/// The `usage` of an Anthropic message as Claude Code writes it.
///
/// Read here rather than by `UsageNormalizer.usage(fromLangfuse:)`: recent versions add
/// `output_tokens_details`, a key the normalizer takes as the mark of OpenAI's Responses usage,
/// which would lose the cache counters. The conventions are the normalizer's Anthropic ones:
/// `input_tokens` is already uncached, cache writes split by lifetime when the split accounts for
/// them, else all counted as 5-minute writes.
enum ClaudeUsage {
    static func usage(_ usage: [String: JSONValue]) -> Usage? {
        let written = count(usage["cache_creation_input_tokens"])
        let split = usage["cache_creation"]?.objectValue ?? [:]
        let fiveMinutes = count(split["ephemeral_5m_input_tokens"])
        let oneHour = count(split["ephemeral_1h_input_tokens"])
        var write5m = written
        var write1h: Int64?
        if fiveMinutes != nil || oneHour != nil {
            let splitTotal = (fiveMinutes ?? 0) + (oneHour ?? 0)
            write5m = fiveMinutes
            write1h = oneHour
            if let written, written > splitTotal { write5m = (fiveMinutes ?? 0) + (written - splitTotal) }
        }
        var result = Usage(
            input: count(usage["input_tokens"]), output: count(usage["output_tokens"]),
            cacheRead: count(usage["cache_read_input_tokens"]), cacheWrite5m: write5m, cacheWrite1h: write1h)
        // Thinking is part of the output count; a zero says nothing worth keeping.
        if let thinking = count(usage["output_tokens_details"]?["thinking_tokens"]), thinking > 0 {
            result.reasoning = thinking
        }
        if case .object(let serverTools)? = usage["server_tool_use"] {
            for (key, value) in serverTools { if let number = count(value), number > 0 { result.other[key] = number } }
        }
        return result.isEmpty ? nil : result
    }

    /// A token count: a non-negative integer; anything else is ignored, as the normalizer does.
    private static func count(_ value: JSONValue?) -> Int64? {
        guard let number = value?.integerValue, number >= 0, number < Int64.max / 4 else { return nil }
        return number
    }
}
