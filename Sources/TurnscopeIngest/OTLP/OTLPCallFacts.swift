import TurnscopeModel

/// What an instrumentation says about a model call's answer beyond its content and usage, in the
/// metadata keys the proxy's records use too, so that every source shows them alike and the store
/// can pair captures of one call by its response id (`ObservationTwin`):
///
/// | key | from |
/// |---|---|
/// | `finishReason` | `gen_ai.response.finish_reasons` (a list, joined by ", "), `llm.finish_reason`, `gen_ai.completion.0.finish_reason` |
/// | `responseId` | `gen_ai.response.id` (the provider's `chatcmpl-…`, `msg_…`, `resp_…`) |
/// | `provider` | `gen_ai.provider.name`, `gen_ai.system`, `llm.provider`, `llm.system` |
/// | `stream` | `gen_ai.request.stream`, `llm.is_streaming`; else true when a first-token event came (`OTLPSpanMapper.firstTokenEvents`) |
enum OTLPCallFacts {
    static func read(_ attributes: inout OTLPAttributes, events: [OTLPSpan.Event]) -> [String: JSONValue] {
        var facts: [String: JSONValue] = [:]
        // Keys a mapping already read (or set aside, as Claude Code's request id repeated as a
        // response id) are not read again.
        if !attributes.isUsed("gen_ai.response.finish_reasons"), let reasons = attributes.peek("gen_ai.response.finish_reasons"),
            let list = finishReasons(reasons)
        {
            attributes.discard("gen_ai.response.finish_reasons")
            facts["finishReason"] = .string(list)
        } else if let reason = attributes.unusedText("llm.finish_reason", "gen_ai.completion.0.finish_reason") {
            facts["finishReason"] = .string(reason)
        }
        if let id = attributes.unusedText("gen_ai.response.id") { facts["responseId"] = .string(id) }
        if let provider = attributes.unusedText("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system") {
            facts["provider"] = .string(provider)
        }
        // `gen_ai.request.stream` is also a model parameter (`OTLPModelParameters`): read, not taken.
        let flags = [attributes.peek("gen_ai.request.stream"), attributes.peek("llm.is_streaming")]
        if let streamed = flags.compactMap(OTLPValues.bool).first {
            attributes.discard("llm.is_streaming")
            facts["stream"] = .bool(streamed)
        } else if events.contains(where: { OTLPSpanMapper.firstTokenEvents.contains($0.name) }) {
            facts["stream"] = .bool(true)
        }
        return facts
    }

    /// A list of reasons (an array, or the JSON text of one, as some SDKs send it) as one text.
    private static func finishReasons(_ value: JSONValue) -> String? {
        var value = value
        if let text = value.stringValue, text.hasPrefix("["), let parsed = try? JSONText.parse(text) { value = parsed }
        if let single = value.stringValue { return single.isEmpty ? nil : single }
        let reasons = (value.arrayValue ?? []).compactMap(\.stringValue).filter { !$0.isEmpty }
        return reasons.isEmpty ? nil : reasons.joined(separator: ", ")
    }
}
