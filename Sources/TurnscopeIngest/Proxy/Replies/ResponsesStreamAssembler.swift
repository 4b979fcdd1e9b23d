import TurnscopeModel

/// An OpenAI Responses stream (FORMATS.md §1.2, "Streaming") made one reply:
///
/// - `response.created` / `response.in_progress` give the id and model;
/// - `response.output_item.added` opens output item `output_index`;
///   `response.output_text.delta`, `response.refusal.delta`,
///   `response.function_call_arguments.delta`, `response.custom_tool_call_input.delta`,
///   `response.reasoning_summary_text.delta` and `response.reasoning_text.delta` add to it, and
///   their `.done` events give the whole text; `response.output_item.done` gives the whole item;
/// - `response.completed`, `response.incomplete` and `response.failed` end the stream with the
///   whole `response` object (output, status, usage), which wins over what was assembled;
/// - an `error` event ends it too. Unknown events are ignored.
struct ResponsesStreamAssembler: ProviderStreamAssembler {
    /// One output item being assembled.
    private struct Item {
        var start: [String: JSONValue]
        /// Text by `content_index` (output text, or reasoning text).
        var texts: [Int: String] = [:]
        var refusals: [Int: String] = [:]
        /// Reasoning summary text by `summary_index`.
        var summaries: [Int: String] = [:]
        var arguments: String?
        /// The whole item from `response.output_item.done`.
        var done: JSONValue?

        /// The item as the non-streamed API would have sent it.
        var json: JSONValue {
            if let done { return done }
            var item = start
            switch start["type"]?.stringValue {
            case "message":
                var content: [JSONValue] = []
                for index in Set(texts.keys).union(refusals.keys).sorted() {
                    if let text = texts[index] { content.append(["type": "output_text", "text": .string(text)]) }
                    if let refusal = refusals[index] { content.append(["type": "refusal", "refusal": .string(refusal)]) }
                }
                if !content.isEmpty { item["content"] = .array(content) }
            case "reasoning":
                if !summaries.isEmpty {
                    item["summary"] = .array(summaries.keys.sorted().map { ["type": "summary_text", "text": .string(summaries[$0] ?? "")] })
                }
                if !texts.isEmpty {
                    item["content"] = .array(texts.keys.sorted().map { ["type": "reasoning_text", "text": .string(texts[$0] ?? "")] })
                }
            case "custom_tool_call":
                if let arguments { item["input"] = .string(arguments) }
            default:
                if let arguments { item["arguments"] = .string(arguments) }
            }
            return .object(item)
        }
    }

    private var assembled = ProviderReply()
    private var items: [Int: Item] = [:]
    /// The `response` of the closing event, which holds the whole answer.
    private var final: JSONValue?

    init() {}

    mutating func read(_ event: ServerSentEvent) {
        assembled.eventCount += 1
        guard let data = Self.object(of: event) else {
            assembled.unreadableEvents += 1
            return
        }
        let type = data["type"]?.stringValue ?? event.type
        switch type {
        case "response.created", "response.in_progress", "response.queued":
            if let response = data["response"] { ResponsesReply.read(response, into: &assembled) }
        case "response.completed", "response.incomplete", "response.failed":
            final = data["response"]
            assembled.isFinished = true
        case "error":
            assembled.error = ProviderError(json: .object(data)) ?? ProviderError(message: "the stream reported an error")
            assembled.isFinished = true
        case "response.output_item.added":
            guard let index = Self.index(data["output_index"]), let item = data["item"]?.objectValue else { return }
            items[index] = Item(start: item)
        case "response.output_item.done":
            guard let index = Self.index(data["output_index"]), let item = data["item"] else { return }
            update(index, type: item["type"]?.stringValue ?? "message") { $0.done = item }
        default:
            add(type, data)
        }
    }

    /// The delta and done events of an item's text, arguments, reasoning or refusal.
    private mutating func add(_ type: String, _ data: [String: JSONValue]) {
        guard let index = Self.index(data["output_index"]) else { return }
        let part = Self.index(data["content_index"]) ?? Self.index(data["summary_index"]) ?? 0
        let delta = data["delta"]?.stringValue
        switch type {
        case "response.output_text.delta", "response.reasoning_text.delta":
            let itemType = type == "response.output_text.delta" ? "message" : "reasoning"
            update(index, type: itemType) { $0.texts[part, default: ""] += delta ?? "" }
        case "response.output_text.done", "response.reasoning_text.done":
            let itemType = type == "response.output_text.done" ? "message" : "reasoning"
            if let text = data["text"]?.stringValue { update(index, type: itemType) { $0.texts[part] = text } }
        case "response.refusal.delta":
            update(index, type: "message") { $0.refusals[part, default: ""] += delta ?? "" }
        case "response.refusal.done":
            if let text = data["refusal"]?.stringValue { update(index, type: "message") { $0.refusals[part] = text } }
        case "response.reasoning_summary_text.delta":
            update(index, type: "reasoning") { $0.summaries[part, default: ""] += delta ?? "" }
        case "response.reasoning_summary_text.done":
            if let text = data["text"]?.stringValue { update(index, type: "reasoning") { $0.summaries[part] = text } }
        case "response.function_call_arguments.delta", "response.custom_tool_call_input.delta":
            update(index, type: "function_call") { item in
                if item.arguments == nil { item.arguments = "" }
                item.arguments?.append(delta ?? "")
            }
        case "response.function_call_arguments.done":
            if let arguments = data["arguments"]?.stringValue { update(index, type: "function_call") { $0.arguments = arguments } }
        case "response.custom_tool_call_input.done":
            if let input = data["input"]?.stringValue { update(index, type: "custom_tool_call") { $0.arguments = input } }
        default:
            break
        }
    }

    /// Changes item `index` in place, opening it as a `type` item if no event opened it.
    private mutating func update(_ index: Int, type: String, _ change: (inout Item) -> Void) {
        var item = items[index] ?? Item(start: ["type": .string(type)])
        items[index] = nil  // so the buffers are appended to in place
        change(&item)
        items[index] = item
    }

    private static func index(_ value: JSONValue?) -> Int? {
        value?.integerValue.map { Int(clamping: $0) }
    }

    func reply() -> ProviderReply {
        var reply = assembled
        if !items.isEmpty { reply.messages = ResponsesReply.messages(items.keys.sorted().compactMap { items[$0]?.json }) }
        if let final { ResponsesReply.read(final, into: &reply) }
        return reply
    }
}
