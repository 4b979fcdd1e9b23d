import TurnscopeModel

/// What an instrumentation says about a model call's answer beyond its content and usage, in the
/// metadata keys the proxy's records use too, so that every source shows them alike and the store
/// can pair captures of one call by its response id (`ObservationTwin`):
///
/// | key | from |
/// |---|---|
/// | `finishReason` | `gen_ai.response.finish_reasons` (a list, joined by ", "), `llm.finish_reason`, `gen_ai.completion.0.finish_reason`, else the `finish_reason` of each message in `gen_ai.output.messages` |
/// | `responseId` | `gen_ai.response.id` (the provider's `chatcmpl-…`, `msg_…`, `resp_…`), else the `id` of an OpenInference LLM span's JSON `output.value` (the provider's response) |
/// | `provider` | `gen_ai.provider.name`, `gen_ai.system`, `llm.provider`, `llm.system` |
/// | `stream` | `gen_ai.request.stream`, `gen_ai.is_streaming` (OpenLLMetry), `llm.is_streaming`, the request parameters' `stream` (OpenInference's `llm.invocation_parameters`); else true when a first-token event came (`OTLPSpanMapper.firstTokenEvents`) |
enum OTLPCallFacts {
    /// - Parameter parameters: the request parameters already read (`OTLPModelParameters`).
    static func read(_ attributes: inout OTLPAttributes, events: [OTLPSpan.Event], parameters: [String: JSONValue]?)
        -> [String: JSONValue]
    {
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
        } else if let reason = outputFinishReasons(attributes.peek("gen_ai.output.messages")) {
            // openai-v2 leaves `gen_ai.response.finish_reasons` out on a streamed call, but its
            // output messages still say how each ended.
            facts["finishReason"] = .string(reason)
        }
        if let id = attributes.unusedText("gen_ai.response.id") {
            facts["responseId"] = .string(id)
        } else if !attributes.has("gen_ai.response.id"), let id = openInferenceResponseId(attributes) {
            facts["responseId"] = .string(id)
        }
        let providerKeys = ["gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system"]
        if let provider = attributes.unusedText(providerKeys) {
            facts["provider"] = .string(provider)
            // OpenInference sends both `llm.provider` and `llm.system`, mostly the same.
            attributes.discard(providerKeys, repeating: provider)
        }
        // `gen_ai.request.stream` is also a model parameter (`OTLPModelParameters`): read, not taken.
        let flags = [
            attributes.peek("gen_ai.request.stream"), attributes.peek("gen_ai.is_streaming"),
            attributes.peek("llm.is_streaming"), parameters?["stream"],
        ]
        if let streamed = flags.compactMap(OTLPValues.bool).first {
            attributes.discard("llm.is_streaming", "gen_ai.is_streaming")
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

    /// The `finish_reason` of each output message (GenAI's parts schema, as JSON text or
    /// structured), joined as `finishReasons` joins a list; nil when none says one.
    static func outputFinishReasons(_ messages: JSONValue?) -> String? {
        guard let messages, case .array(let list) = OTLPValues.decoded(messages) else { return nil }
        let reasons = list.compactMap { OTLPValues.text($0["finish_reason"]) }
        return reasons.isEmpty ? nil : reasons.joined(separator: ", ")
    }

    /// OpenInference names no response id, but an LLM span's `output.value` is the provider's
    /// response as JSON, whose `id` is it (`chatcmpl-…`, `msg_…`, `resp_…`). Other span kinds'
    /// outputs are the application's own values, whose `id` may be anything.
    private static func openInferenceResponseId(_ attributes: OTLPAttributes) -> String? {
        guard OTLPValues.text(attributes.peek("openinference.span.kind"))?.uppercased() == "LLM",
            OTLPValues.text(attributes.peek("output.mime_type"))?.hasPrefix("text/") != true,
            let output = attributes.peek("output.value"), case .object(let response) = OTLPValues.decoded(output)
        else { return nil }
        return OTLPValues.text(response["id"])
    }
}
