import Foundation
import TurnscopeModel

/// Token counts and the client's cost, from the first convention a span uses: Langfuse's JSON
/// objects, then OTel GenAI `gen_ai.usage.*` (also OpenLLMetry's older names), then OpenInference
/// `llm.token_count.*`. Conventions are never mixed: an exporter that writes two reports the same
/// call twice, and adding them would double it.
///
/// GenAI and OpenInference count cache reads and writes *inside* the input count (the semconv says
/// SHOULD; OpenLLMetry's and OpenInference's Anthropic instrumentations add them in), while
/// `Usage.input` is uncached input, so the cache counters are subtracted. An exporter that already
/// sends uncached input shows it by reporting more cached tokens than input; that input is kept as
/// it is rather than clamped to zero. Reasoning is part of output in both, as in `Usage`.
enum OTLPUsage {
    static func usage(_ attributes: inout OTLPAttributes) -> Usage? {
        if let details = OTLPValues.object(attributes.peek("langfuse.observation.usage_details")),
            let usage = UsageNormalizer.usage(fromLangfuse: details)
        {
            attributes.discard("langfuse.observation.usage_details")
            return usage
        }
        if attributes.has(prefix: "gen_ai.usage.") || attributes.has("llm.usage.total_tokens"),
            let usage = genAI(&attributes)
        {
            return usage
        }
        if attributes.has(prefix: "llm.token_count.") { return openInference(&attributes) }
        return nil
    }

    static func cost(_ attributes: inout OTLPAttributes) -> Cost? {
        if let details = OTLPValues.object(attributes.take("langfuse.observation.cost_details")) {
            return langfuseCost(details)
        }
        if let total = OTLPValues.double(attributes.take("gen_ai.usage.cost")), total >= 0 {
            return Cost(total: total)
        }
        if attributes.has(prefix: "llm.cost.") {
            var fields = attributes.take(prefix: "llm.cost.")
            let total = OTLPValues.double(fields.removeValue(forKey: "total"))
            var parts: [String: Double] = [:]
            let names = ["prompt": "input", "completion": "output"]
            for (key, value) in fields {
                guard let amount = OTLPValues.double(value), amount >= 0 else { continue }
                parts[names[key] ?? key] = amount
            }
            let cost = Cost(total: total.flatMap { $0 >= 0 ? $0 : nil }, parts: parts)
            return cost.effectiveTotal == nil ? nil : cost
        }
        return nil
    }

    // MARK: - Conventions

    private static func genAI(_ attributes: inout OTLPAttributes) -> Usage? {
        var fields = attributes.take(prefix: "gen_ai.usage.", except: ["cost"])
        func counter(_ keys: String...) -> Int64? {
            var found: Int64?
            for key in keys {
                if let value = fields.removeValue(forKey: key), found == nil { found = OTLPValues.integer(value) }
            }
            return found
        }
        let input = counter("input_tokens", "prompt_tokens")
        let cacheRead = counter("cache_read.input_tokens", "cache_read_input_tokens")
        // Claude Code's spans name cache writes `cache_write`; the GenAI conventions `cache_creation`.
        let cacheWrite = counter("cache_creation.input_tokens", "cache_creation_input_tokens", "cache_write.input_tokens")
        var usage = Usage(
            input: uncached(input, cacheRead: cacheRead, cacheWrite: cacheWrite),
            output: counter("output_tokens", "completion_tokens"), cacheRead: cacheRead, cacheWrite5m: cacheWrite,
            reasoning: counter("reasoning.output_tokens", "reasoning_tokens"), total: counter("total_tokens"))
        if usage.total == nil, let total = OTLPValues.integer(attributes.take("llm.usage.total_tokens")) {
            usage.total = total
        }
        usage.other = others(fields)
        return usage.isEmpty ? nil : usage
    }

    private static func openInference(_ attributes: inout OTLPAttributes) -> Usage? {
        var fields = attributes.take(prefix: "llm.token_count.")
        func counter(_ key: String) -> Int64? { fields.removeValue(forKey: key).flatMap(OTLPValues.integer) }
        let input = counter("prompt")
        let cacheRead = counter("prompt_details.cache_read")
        let cacheWrite = counter("prompt_details.cache_write")
        var usage = Usage(
            input: uncached(input, cacheRead: cacheRead, cacheWrite: cacheWrite), output: counter("completion"),
            cacheRead: cacheRead, cacheWrite5m: cacheWrite, reasoning: counter("completion_details.reasoning"),
            total: counter("total"))
        var renamed: [String: JSONValue] = [:]
        for (key, value) in fields {
            renamed[key.replacingOccurrences(of: "prompt_details.", with: "input_")
                .replacingOccurrences(of: "completion_details.", with: "output_")] = value
        }
        usage.other = others(renamed)
        return usage.isEmpty ? nil : usage
    }

    /// Input without the cached tokens it includes (see the type's comment).
    private static func uncached(_ input: Int64?, cacheRead: Int64?, cacheWrite: Int64?) -> Int64? {
        guard let input else { return nil }
        let cached = (cacheRead ?? 0) + (cacheWrite ?? 0)
        return input >= cached ? input - cached : input
    }

    /// Counters no field of `Usage` names (audio, images, …), kept under their own names.
    private static func others(_ fields: [String: JSONValue]) -> [String: Int64] {
        var other: [String: Int64] = [:]
        for (key, value) in fields {
            if let count = OTLPValues.integer(value), count >= 0 { other[key] = count }
        }
        return other
    }

    /// `langfuse.observation.cost_details`: USD amounts by usage key, `total` apart. Langfuse's
    /// cache key names become the model's (`cacheRead`, `cacheWrite5m`); negative amounts are
    /// dropped, as Langfuse's server drops them.
    private static func langfuseCost(_ details: [String: JSONValue]) -> Cost? {
        let names = [
            "cache_read_input_tokens": "cacheRead", "input_cached_tokens": "cacheRead", "cache_read": "cacheRead",
            "cache_creation_input_tokens": "cacheWrite5m", "input_cache_creation": "cacheWrite5m",
        ]
        var total: Double?
        var parts: [String: Double] = [:]
        for (key, value) in details {
            guard let amount = OTLPValues.double(value), amount >= 0 else { continue }
            if key == "total" { total = amount } else { parts[names[key] ?? key, default: 0] += amount }
        }
        let cost = Cost(total: total, parts: parts)
        return cost.effectiveTotal == nil ? nil : cost
    }
}
