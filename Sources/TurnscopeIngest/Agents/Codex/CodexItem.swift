import TurnscopeModel

/// One Responses-API item of the conversation (`response_item` payload), as the message it is in
/// the prompt of every later call, and what else the reader needs from it.
struct CodexItem {
    /// Whether the model wrote the item (it belongs to a call's output) or reads it (it ends the
    /// previous call's output: a user or developer message, a tool's answer).
    enum Side { case input, output }

    var side: Side
    /// The item as one message, one per item, as Codex sends it back in the next request.
    var message: Message
    /// A tool call the model made whose answer comes back as a `*_output` item with the same id.
    var toolCall: ToolCall?
    /// A tool's answer.
    var toolResult: ToolResult?
    /// For a user message, the text of its parts that are not context blocks (nil when none is).
    var promptText: String?
    /// For an assistant message, its text.
    var assistantText: String?

    init(side: Side, message: Message) {
        self.side = side
        self.message = message
    }

    /// The item, or nil for item types the prompt does not show (`ghost_snapshot`, `compaction`
    /// and types newer than this reader).
    static func decode(_ payload: FieldReader) throws(FieldError) -> CodexItem? {
        guard let type = try payload.string("type") else { return nil }
        switch type {
        case "message": return try message(payload)
        case "reasoning": return try reasoning(payload)
        case "function_call":
            let call = ToolCall(
                id: try callId(payload), name: try payload.requiredString("name"),
                arguments: PayloadNormalizer.arguments(payload.value("arguments")))
            return toolCall(call, pairs: true)
        case "custom_tool_call":
            // Custom tools (apply_patch) take free text: kept as it is, even when it looks like JSON.
            let call = ToolCall(
                id: try callId(payload), name: try payload.requiredString("name"),
                arguments: .string(try payload.string("input") ?? ""))
            return toolCall(call, pairs: true)
        case "local_shell_call":
            let action = try payload.object("action").map(JSONValue.object) ?? .object([:])
            return toolCall(ToolCall(id: try callId(payload), name: "local_shell", arguments: action), pairs: true)
        case "web_search_call":
            // Run by the provider inside the response: there is no answer item to pair it with.
            let action = try payload.object("action").map(JSONValue.object) ?? .object([:])
            return toolCall(ToolCall(id: try callId(payload), name: "web_search", arguments: action), pairs: false)
        case "function_call_output", "custom_tool_call_output":
            guard let id = try callId(payload) else { throw FieldError(path: payload.path(of: "call_id"), reason: "is required") }
            let result = try CodexToolOutput.result(callId: id, payload)
            var item = CodexItem(side: .input, message: Message(role: .tool, parts: [.toolResult(result)]))
            item.toolResult = result
            return item
        default:
            return nil
        }
    }

    private static func callId(_ payload: FieldReader) throws(FieldError) -> String? {
        // `??` takes an untyped-throwing autoclosure, so the fallback is read first.
        let id = try payload.string("id")
        return try payload.string("call_id") ?? id
    }

    private static func toolCall(_ call: ToolCall, pairs: Bool) -> CodexItem {
        var item = CodexItem(side: .output, message: Message(role: .assistant, parts: [.toolCall(call)]))
        if pairs, call.id != nil { item.toolCall = call }
        return item
    }

    private static func message(_ payload: FieldReader) throws(FieldError) -> CodexItem {
        let role = Role(rawValue: try payload.requiredString("role"))
        let message: Message
        switch payload.value("content") {
        case nil:
            message = Message(role: role, parts: [])
        case .array?, .string?:
            // The normalizer reads Responses content parts (`input_text`, `output_text`,
            // `input_image`, …) the same way for every source, which keeps the chats alike.
            guard let decoded = PayloadNormalizer.messages(from: .object(payload.object))?.first else {
                throw FieldError(path: payload.path(of: "content"), reason: "expected content items (objects)")
            }
            message = decoded
        case let other?:
            throw FieldError(path: payload.path(of: "content"), reason: "expected an array, got \(other.typeName)")
        }
        var item = CodexItem(side: role == .assistant ? .output : .input, message: message)
        if role == .user {
            item.promptText = CodexPromptText.prompt(in: message)
        } else if role == .assistant {
            let texts = message.parts.compactMap { if case .text(let text) = $0 { text } else { nil } }
            if !texts.isEmpty { item.assistantText = texts.joined(separator: "\n") }
        }
        return item
    }

    private static func reasoning(_ payload: FieldReader) throws(FieldError) -> CodexItem {
        // The summary is what the provider lets a client show; `content` holds the raw reasoning
        // text when a provider sends it. `encrypted_content` is opaque and left out.
        var texts: [String] = []
        for key in ["summary", "content"] {
            guard let entries = try payload.array(key) else { continue }
            for entry in entries {
                if case .string(let text)? = entry["text"] { texts.append(text) }
            }
        }
        let part = MessagePart.reasoning(text: texts.joined(separator: "\n"), signature: nil)
        return CodexItem(side: .output, message: Message(role: .assistant, parts: [part]))
    }
}
