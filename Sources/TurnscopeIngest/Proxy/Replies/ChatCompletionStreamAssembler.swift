import TurnscopeModel

/// An OpenAI Chat Completions stream (FORMATS.md §1.1, "Streaming") made one reply:
///
/// - every event is a bare `data:` chunk `{id, model, choices[{index, delta, finish_reason}],
///   usage}`, and the stream ends with `data: [DONE]`;
/// - `delta.content` (and `reasoning_content` / `reasoning` from DeepSeek, OpenRouter, vLLM,
///   and `refusal`) are appended per choice;
/// - `delta.tool_calls[]` fragments are joined by their `index`: the first names the call, the
///   rest add to its `arguments` string, which is parsed when the call is complete;
/// - with `stream_options.include_usage`, a last chunk with `choices: []` holds the usage;
/// - a chunk `{"error": {…}}` reports an error mid-stream.
///
/// A stream that ends without `[DONE]` was cut, even after its finish reason: the usage chunk,
/// when asked for, comes after it.
struct ChatCompletionStreamAssembler: ProviderStreamAssembler {
    /// One tool call being assembled.
    private struct Call {
        var id: String?
        var type: String?
        var name: String?
        var arguments = ""
    }

    /// One choice being assembled.
    private struct Choice {
        var role: String?
        var content = ""
        var hasContent = false
        var reasoning = ""
        var refusal = ""
        var calls: [Int: Call] = [:]
        var finishReason: String?

        /// The choice as the non-streamed API would have sent its `message`.
        var message: JSONValue {
            var message: [String: JSONValue] = ["role": .string(role ?? "assistant")]
            message["content"] = hasContent ? .string(content) : .null
            if !reasoning.isEmpty { message["reasoning_content"] = .string(reasoning) }
            if !refusal.isEmpty { message["refusal"] = .string(refusal) }
            if !calls.isEmpty {
                message["tool_calls"] = .array(
                    calls.keys.sorted().compactMap { index in
                        guard let call = calls[index] else { return nil }
                        var object: [String: JSONValue] = [
                            "type": .string(call.type ?? "function"),
                            "function": ["name": .string(call.name ?? ""), "arguments": .string(call.arguments)],
                        ]
                        if let id = call.id { object["id"] = .string(id) }
                        return .object(object)
                    })
            }
            return .object(message)
        }
    }

    private var assembled = ProviderReply()
    private var choices: [Int: Choice] = [:]
    private var sawDone = false

    init() {}

    mutating func read(_ event: ServerSentEvent) {
        assembled.eventCount += 1
        if event.data == "[DONE]" {
            sawDone = true
            return
        }
        guard let chunk = Self.object(of: event) else {
            assembled.unreadableEvents += 1
            return
        }
        if let error = ProviderError(json: .object(chunk)) {
            assembled.error = error
            return
        }
        if assembled.responseId == nil { assembled.responseId = chunk["id"]?.stringValue }
        if assembled.model == nil { assembled.model = chunk["model"]?.stringValue }
        if let usage = chunk["usage"]?.objectValue { assembled.usage = ChatCompletionReply.usage(usage) }
        for case .object(let choiceChunk) in chunk["choices"]?.arrayValue ?? [] {
            let index = Int(clamping: choiceChunk["index"]?.integerValue ?? 0)
            var choice = choices[index] ?? Choice()
            choices[index] = nil  // so the buffers are appended to in place
            if let delta = choiceChunk["delta"]?.objectValue { add(delta, to: &choice) }
            if let reason = choiceChunk["finish_reason"]?.stringValue { choice.finishReason = reason }
            choices[index] = choice
        }
    }

    private func add(_ delta: [String: JSONValue], to choice: inout Choice) {
        if let role = delta["role"]?.stringValue { choice.role = role }
        if let text = delta["content"]?.stringValue {
            choice.content += text
            choice.hasContent = true
        }
        if let text = delta["reasoning_content"]?.stringValue ?? delta["reasoning"]?.stringValue { choice.reasoning += text }
        if let text = delta["refusal"]?.stringValue { choice.refusal += text }
        // Several fragments of one call may even share a chunk (the SDK tests that case).
        for case .object(let fragment) in delta["tool_calls"]?.arrayValue ?? [] {
            let index = Int(clamping: fragment["index"]?.integerValue ?? Int64(choice.calls.count))
            var call = choice.calls[index] ?? Call()
            choice.calls[index] = nil
            if let id = fragment["id"]?.stringValue, !id.isEmpty { call.id = id }
            if let type = fragment["type"]?.stringValue { call.type = type }
            if let function = fragment["function"]?.objectValue {
                if let name = function["name"]?.stringValue, !name.isEmpty, call.name == nil { call.name = name }
                if let arguments = function["arguments"]?.stringValue { call.arguments += arguments }
            }
            choice.calls[index] = call
        }
    }

    func reply() -> ProviderReply {
        var reply = assembled
        let indexes = choices.keys.sorted()
        reply.messages = indexes.compactMap { choices[$0].map { ProviderMessages.message($0.message) } }
        reply.finishReason = indexes.lazy.compactMap { choices[$0]?.finishReason }.first
        reply.isFinished = sawDone || reply.error != nil
        return reply
    }
}
