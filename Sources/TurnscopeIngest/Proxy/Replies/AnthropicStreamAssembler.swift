import TurnscopeModel

/// An Anthropic Messages stream (FORMATS.md §2, "Streaming") made one reply:
///
/// - `message_start` gives the id, model and the first usage (input and cache counts final,
///   output a placeholder);
/// - `content_block_start` opens block `index`; `content_block_delta` adds `text_delta`,
///   `thinking_delta`, `signature_delta`, `input_json_delta` or `citations_delta` to it;
///   `content_block_stop` closes it;
/// - `message_delta` gives the stop reason and cumulative usage, whose counters replace the
///   `message_start` ones they name;
/// - `message_stop` ends the stream, and so does `error`; `ping` and unknown events are ignored.
///
/// Text is appended to per-block buffers, never by rebuilding JSON, so a long answer costs time
/// in proportion to its length. A tool call's `partial_json` is joined and parsed by
/// `PayloadNormalizer`; if the stream stops inside it, the text so far is kept as a string.
struct AnthropicStreamAssembler: ProviderStreamAssembler {
    /// One content block being assembled.
    private struct Block {
        var start: [String: JSONValue]
        var text = ""
        var thinking = ""
        var signature = ""
        var partialJSON: String?
        var citations: [JSONValue] = []

        /// The block as the non-streamed API would have sent it.
        var json: JSONValue {
            var block = start
            switch start["type"]?.stringValue {
            case "text":
                block["text"] = .string((start["text"]?.stringValue ?? "") + text)
                if !citations.isEmpty { block["citations"] = .array((start["citations"]?.arrayValue ?? []) + citations) }
            case "thinking":
                block["thinking"] = .string((start["thinking"]?.stringValue ?? "") + thinking)
                block["signature"] = .string((start["signature"]?.stringValue ?? "") + signature)
            default:
                if let partialJSON { block["input"] = .string(partialJSON) }
            }
            return .object(block)
        }
    }

    private var assembled = ProviderReply()
    private var blocks: [Int: Block] = [:]
    /// The usage of `message_start`, then with `message_delta`'s counters laid over it.
    private var usage: [String: JSONValue]?

    init() {}

    mutating func read(_ event: ServerSentEvent) {
        assembled.eventCount += 1
        guard let data = Self.object(of: event) else {
            assembled.unreadableEvents += 1
            return
        }
        // The event's name and its data's `type` agree; the data is what the SDKs trust.
        switch data["type"]?.stringValue ?? event.type {
        case "message_start":
            guard let message = data["message"] else { return }
            assembled.responseId = message["id"]?.stringValue ?? assembled.responseId
            assembled.model = message["model"]?.stringValue ?? assembled.model
            if let start = message["usage"]?.objectValue { usage = (usage ?? [:]).merging(start) { _, new in new } }
        case "content_block_start":
            guard let index = data["index"]?.integerValue, let block = data["content_block"]?.objectValue else { return }
            blocks[Int(clamping: index)] = Block(start: block)
        case "content_block_delta":
            guard let index = data["index"]?.integerValue, let delta = data["delta"]?.objectValue else { return }
            add(delta, to: Int(clamping: index))
        case "message_delta":
            if let stopReason = data["delta"]?["stop_reason"]?.stringValue { assembled.finishReason = stopReason }
            if let stopSequence = data["delta"]?["stop_sequence"]?.stringValue {
                assembled.details["stopSequence"] = .string(stopSequence)
            }
            if let counts = data["usage"]?.objectValue { usage = (usage ?? [:]).merging(counts) { _, new in new } }
        case "message_stop":
            assembled.isFinished = true
        case "error":
            assembled.error = ProviderError(json: .object(data)) ?? ProviderError(message: "the stream reported an error")
            assembled.isFinished = true
        default:
            break
        }
    }

    private mutating func add(_ delta: [String: JSONValue], to index: Int) {
        // A delta for a block that never started still carries text worth keeping.
        var block = blocks[index] ?? Block(start: ["type": .string(Self.blockType(of: delta))])
        blocks[index] = nil  // so the buffers below are appended to in place, not copied
        switch delta["type"]?.stringValue {
        case "text_delta": block.text += delta["text"]?.stringValue ?? ""
        case "thinking_delta": block.thinking += delta["thinking"]?.stringValue ?? ""
        case "signature_delta": block.signature += delta["signature"]?.stringValue ?? ""
        case "input_json_delta":
            if block.partialJSON == nil { block.partialJSON = "" }
            block.partialJSON?.append(delta["partial_json"]?.stringValue ?? "")
        case "citations_delta": if let citation = delta["citation"] { block.citations.append(citation) }
        default: break
        }
        blocks[index] = block
    }

    private static func blockType(of delta: [String: JSONValue]) -> String {
        switch delta["type"]?.stringValue {
        case "thinking_delta", "signature_delta": "thinking"
        case "input_json_delta": "tool_use"
        default: "text"
        }
    }

    func reply() -> ProviderReply {
        var reply = assembled
        if !blocks.isEmpty {
            reply.messages = [AnthropicReply.message(blocks.keys.sorted().compactMap { blocks[$0]?.json })]
        }
        reply.usage = usage.flatMap(AnthropicReply.usage)
        return reply
    }
}
