import TurnscopeModel

/// Turns the inputs and outputs clients send (OpenAI chat messages, Anthropic messages, litellm's
/// `{"messages": […]}`, OTel GenAI parts, …) into Turnscope's chat messages, so that history is
/// stored once per message and shown as a chat. Anything that is not recognisably a chat stays JSON.
///
/// The rule is conservative: a value becomes `.messages` only when *every* element is recognisably
/// a message, because a false positive would rewrite data the client meant as plain JSON. Inside a
/// message that is recognised, content blocks of unknown types are kept whole as `.other` parts, so
/// nothing the client sent is dropped. What is recognised:
///
/// | shape | becomes |
/// |---|---|
/// | `[{role, content…}, …]`, or one such object | one message per element |
/// | `{"messages": […]}` (litellm), `{"system": …, "messages": […]}` (Anthropic) | the messages, `system` first |
/// | OpenAI `content`: string or parts `text`, `image_url`, `input_audio`, `file`, … | `.text`, `.image`, `.other` |
/// | OpenAI `tool_calls[{id, function:{name, arguments}}]` | `.toolCall`, arguments parsed when they are JSON |
/// | OpenAI `role: tool` + `tool_call_id` (`role: function` + `name`, legacy) | a `.toolResult` |
/// | OpenAI (DeepSeek, litellm) `reasoning_content`, litellm `thinking_blocks` | `.reasoning` first |
/// | Anthropic blocks `text`, `image`, `tool_use`, `tool_result`, `thinking`, `redacted_thinking` | `.text`, `.image`, `.toolCall`, `.toolResult`, `.reasoning`, `.other` |
/// | OTel GenAI `{role, parts:[text, tool_call, tool_call_response, reasoning, uri, blob]}` | the same parts |
/// | Gemini `{role, parts:[{text}, {functionCall}, {functionResponse}]}` | `.text`, `.toolCall`, `.toolResult` |
/// | OpenAI Responses items `message`, `function_call`, `function_call_output`, `reasoning` | one message each |
public enum PayloadNormalizer {
    /// The payload for a value a client sent as an input or output: `.messages` when it is a chat,
    /// else the value unchanged as `.json`. A plain string stays `.json(.string)`.
    public static func payload(from value: JSONValue) -> Payload {
        if let messages = messages(from: value) { return .messages(messages) }
        return .json(value)
    }

    /// The messages of a value, or nil when it is not recognisably a chat.
    ///
    /// A `{"messages": […]}` wrapper is recognised only when its other members are `system` or null:
    /// a wrapper with anything else would lose those members, see `chatRequest(from:)`.
    public static func messages(from value: JSONValue) -> [Message]? {
        guard let chat = chatRequest(from: value), chat.settings.isEmpty else { return nil }
        return chat.messages
    }

    /// The messages of a value and the request settings sent alongside them, or nil when it is not
    /// recognisably a chat.
    ///
    /// Langfuse's OpenAI integration sends a generation's input as `{"messages": […], "tools": […],
    /// "tool_choice": …}` when tools are used, and Anthropic-shaped inputs carry `model`,
    /// `max_tokens`, …: `settings` holds every member but `messages` and `system` (nulls left
    /// out), so a caller can keep them as model parameters instead of losing the chat. For a bare
    /// message list or a single message, `settings` is empty.
    public static func chatRequest(from value: JSONValue) -> (messages: [Message], settings: [String: JSONValue])? {
        switch value {
        case .array(let elements):
            return list(elements).map { ($0, [:]) }
        case .object(let object):
            if let message = message(object) { return ([message], [:]) }
            return wrapper(object)
        default:
            return nil
        }
    }

    // MARK: - Lists and wrappers

    /// Every element converted, or nil when one is not a message (or the list is empty: an empty
    /// array says nothing about being a chat).
    private static func list(_ elements: [JSONValue]) -> [Message]? {
        guard !elements.isEmpty else { return nil }
        var messages: [Message] = []
        messages.reserveCapacity(elements.count)
        for element in elements {
            guard let message = message(element: element) else { return nil }
            messages.append(message)
        }
        return messages
    }

    /// One element of a list as a message, or nil when it is not one: a list is a chat when
    /// every element is (`MessageListMemo` converts a list element by element).
    static func message(element: JSONValue) -> Message? {
        guard case .object(let object) = element else { return nil }
        return message(object)
    }

    /// `{"messages": […]}` with an optional Anthropic `system` (a string or text blocks).
    private static func wrapper(_ object: [String: JSONValue]) -> (messages: [Message], settings: [String: JSONValue])? {
        guard case .array(let elements)? = object["messages"], var messages = list(elements) else { return nil }
        switch object["system"] {
        case nil, .null?:
            break
        case .string(let text)?:
            messages.insert(.text(.system, text), at: 0)
        case .array(let blocks)?:
            guard let parts = contentParts(blocks) else { return nil }
            messages.insert(Message(role: .system, parts: parts), at: 0)
        default:
            return nil
        }
        var settings = object
        settings["messages"] = nil
        settings["system"] = nil
        settings = settings.filter { $0.value != .null }
        return (messages, settings)
    }

    // MARK: - One message

    /// One message, or nil when the object is not recognisably one.
    private static func message(_ object: [String: JSONValue]) -> Message? {
        // The common shape, `{"role": "user", "content": "text"}`, answered with two lookups
        // instead of the dozen the general path makes; tool answers take the general path.
        if object.count == 2, case .string(let roleName)? = object["role"], !roleName.isEmpty,
            case .string(let text)? = object["content"]
        {
            let role = Role(rawValue: roleName)
            if role != .tool, role != "function" { return Message(role: role, parts: text.isEmpty ? [] : [.text(text)]) }
        }
        if case .string(let type)? = object["type"], type != "message" {
            return responsesItem(type, object)
        }
        guard case .string(let roleName)? = object["role"], !roleName.isEmpty else { return nil }
        let role = Role(rawValue: roleName)
        var parts: [MessagePart] = []
        // Something must say "this is a message" besides `role`: `{"role": "admin", "scopes": […]}`
        // is a permission record, not a chat turn.
        var hasContent = false

        if case .array(let blocks)? = object["thinking_blocks"], !blocks.isEmpty {
            // litellm's Anthropic thinking blocks carry the signature; `reasoning_content` repeats
            // their text without it, so it is read only when there are no blocks.
            guard let thinking = contentParts(blocks) else { return nil }
            parts += thinking
        } else if case .string(let reasoning)? = object["reasoning_content"], !reasoning.isEmpty {
            parts.append(.reasoning(text: reasoning, signature: nil))
        }

        let isToolAnswer = role == .tool || role == "function"
        if let partsValue = object["parts"], partsValue != .null {
            // OTel GenAI and Gemini messages.
            guard case .array(let elements) = partsValue, let converted = contentParts(elements) else { return nil }
            parts += converted
            hasContent = true
        } else if let content = object["content"] {
            hasContent = true
            if isToolAnswer {
                guard let text = toolResultText(content) else { return nil }
                let callId = object["tool_call_id"]?.stringValue
                parts.append(.toolResult(ToolResult(callId: callId, content: text)))
            } else {
                switch content {
                case .null:
                    break
                case .string(let text):
                    if !text.isEmpty { parts.append(.text(text)) }
                case .array(let blocks):
                    guard let converted = contentParts(blocks) else { return nil }
                    parts += converted
                default:
                    return nil
                }
            }
        }

        switch object["tool_calls"] {
        case nil, .null?:
            break
        case .array(let calls)?:
            hasContent = true
            for call in calls {
                guard case .object(let callObject) = call else { return nil }
                parts.append(openAIToolCall(callObject))
            }
        default:
            return nil
        }
        if case .object(let call)? = object["function_call"], case .string(let name)? = call["name"] {
            // The legacy single `function_call` of OpenAI chat: it has no id.
            hasContent = true
            parts.append(.toolCall(ToolCall(id: nil, name: name, arguments: arguments(call["arguments"]))))
        }
        if case .string(let refusal)? = object["refusal"], !refusal.isEmpty {
            parts.append(.other(["type": "refusal", "refusal": .string(refusal)]))
        }
        if let audio = object["audio"], audio != .null {
            parts.append(.other(["type": "audio", "audio": audio]))
        }
        guard hasContent else { return nil }

        // Anthropic sends tool results as a user message of `tool_result` blocks; Turnscope keeps
        // tool results under role `tool` (docs/native-format.md §6) so a chat reads the same
        // whichever provider it came from. A user message that mixes in text stays `user`.
        var finalRole = role
        if role == .user, !parts.isEmpty, parts.allSatisfy({ if case .toolResult = $0 { true } else { false } }) {
            finalRole = .tool
        }
        return Message(role: finalRole, name: object["name"]?.stringValue, parts: parts)
    }

    /// An item of OpenAI's Responses API other than `message`.
    private static func responsesItem(_ type: String, _ object: [String: JSONValue]) -> Message? {
        let callId = object["call_id"]?.stringValue ?? object["id"]?.stringValue
        switch type {
        case "function_call":
            guard case .string(let name)? = object["name"] else { return nil }
            return Message(role: .assistant, parts: [.toolCall(ToolCall(id: callId, name: name, arguments: arguments(object["arguments"])))])
        case "custom_tool_call":
            // Custom tools take free text: it is not parsed, even when it happens to be JSON.
            guard case .string(let name)? = object["name"] else { return nil }
            let input = object["input"].flatMap { $0 == .null ? nil : $0 } ?? .string("")
            return Message(role: .assistant, parts: [.toolCall(ToolCall(id: callId, name: name, arguments: input))])
        case "function_call_output", "custom_tool_call_output":
            guard let text = toolResultText(object["output"] ?? .null) else { return nil }
            return Message(role: .tool, parts: [.toolResult(ToolResult(callId: object["call_id"]?.stringValue, content: text))])
        case "reasoning":
            var texts: [String] = []
            for key in ["summary", "content"] {
                guard case .array(let entries)? = object[key] else { continue }
                texts += entries.compactMap { $0["text"]?.stringValue }
            }
            let part: MessagePart = texts.isEmpty ? .other(.object(object)) : .reasoning(text: texts.joined(separator: "\n"), signature: nil)
            return Message(role: .assistant, parts: [part])
        default:
            return nil
        }
    }

    /// An OpenAI `tool_calls` entry: `{id, type: "function", function: {name, arguments}}`, the newer
    /// `{type: "custom", custom: {name, input}}`, or anything else kept whole.
    private static func openAIToolCall(_ call: [String: JSONValue]) -> MessagePart {
        let id = call["id"]?.stringValue
        if case .object(let function)? = call["function"], case .string(let name)? = function["name"] {
            return .toolCall(ToolCall(id: id, name: name, arguments: arguments(function["arguments"])))
        }
        if case .object(let custom)? = call["custom"], case .string(let name)? = custom["name"] {
            return .toolCall(ToolCall(id: id, name: name, arguments: custom["input"] ?? .string("")))
        }
        return .other(.object(call))
    }

    // MARK: - Parts

    /// Content blocks or parts, or nil when one is neither an object nor a string.
    private static func contentParts(_ blocks: [JSONValue]) -> [MessagePart]? {
        var parts: [MessagePart] = []
        parts.reserveCapacity(blocks.count)
        for block in blocks {
            switch block {
            case .string(let text): parts.append(.text(text))
            case .object(let object): parts.append(part(object))
            default: return nil
            }
        }
        return parts
    }

    /// One content block of any of the recognised dialects; unknown blocks are kept as `.other`.
    private static func part(_ block: [String: JSONValue]) -> MessagePart {
        guard case .string(let type)? = block["type"] else { return geminiPart(block) }
        switch type {
        case "text", "input_text", "output_text":
            // OpenAI and Anthropic say `text`, OTel GenAI says `content`.
            if let text = block["text"]?.stringValue ?? block["content"]?.stringValue { return .text(text) }
        case "image_url":
            // OpenAI chat: `{"image_url": {"url", "detail"}}`; some clients send the URL bare.
            if let url = block["image_url"]?["url"]?.stringValue ?? block["image_url"]?.stringValue {
                return .image(url: url, mediaType: dataURIMediaType(url))
            }
        case "input_image":
            if let url = block["image_url"]?.stringValue { return .image(url: url, mediaType: dataURIMediaType(url)) }
        case "image":
            if let source = block["source"]?.objectValue {
                if case .string(let data)? = source["data"], case .string(let mediaType)? = source["media_type"] {
                    return .image(url: "data:\(mediaType);base64,\(data)", mediaType: mediaType)
                }
                if case .string(let url)? = source["url"] { return .image(url: url, mediaType: dataURIMediaType(url)) }
            }
        case "tool_use":
            if case .string(let name)? = block["name"] {
                return .toolCall(ToolCall(id: block["id"]?.stringValue, name: name, arguments: arguments(block["input"])))
            }
        case "tool_call":
            // OTel GenAI: arguments are an object, or a JSON string from SDKs that serialise them.
            if case .string(let name)? = block["name"] {
                return .toolCall(ToolCall(id: block["id"]?.stringValue, name: name, arguments: arguments(block["arguments"])))
            }
        case "tool_result":
            if let text = toolResultText(block["content"] ?? .null) {
                let isError = block["is_error"] == .bool(true)
                return .toolResult(ToolResult(callId: block["tool_use_id"]?.stringValue, content: text, isError: isError))
            }
        case "tool_call_response":
            // The semantic-conventions registry example writes `result`, the JSON schema `response`.
            if let text = toolResultText(block["response"] ?? block["result"] ?? .null) {
                return .toolResult(ToolResult(callId: block["id"]?.stringValue, content: text))
            }
        case "thinking":
            if case .string(let text)? = block["thinking"] {
                return .reasoning(text: text, signature: block["signature"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
            }
        case "reasoning":
            if let text = block["content"]?.stringValue ?? block["text"]?.stringValue { return .reasoning(text: text, signature: nil) }
        case "uri":
            if block["modality"]?.stringValue == "image", case .string(let uri)? = block["uri"] {
                return .image(url: uri, mediaType: block["mime_type"]?.stringValue)
            }
        case "blob":
            if block["modality"]?.stringValue == "image", case .string(let data)? = block["content"],
                case .string(let mediaType)? = block["mime_type"]
            {
                return .image(url: "data:\(mediaType);base64,\(data)", mediaType: mediaType)
            }
        default:
            break
        }
        return .other(.object(block))
    }

    /// A Gemini part, which has no `type`: `{text}`, `{functionCall}`, `{functionResponse}`, `{inlineData}`.
    private static func geminiPart(_ block: [String: JSONValue]) -> MessagePart {
        if block.count == 1, case .string(let text)? = block["text"] { return .text(text) }
        if case .object(let call)? = block["functionCall"], case .string(let name)? = call["name"] {
            return .toolCall(ToolCall(id: call["id"]?.stringValue, name: name, arguments: arguments(call["args"])))
        }
        if case .object(let response)? = block["functionResponse"], let text = toolResultText(response["response"] ?? .null) {
            return .toolResult(ToolResult(callId: response["id"]?.stringValue, content: text))
        }
        if case .object(let inline)? = block["inlineData"], case .string(let mediaType)? = inline["mimeType"],
            mediaType.hasPrefix("image/"), case .string(let data)? = inline["data"]
        {
            return .image(url: "data:\(mediaType);base64,\(data)", mediaType: mediaType)
        }
        return .other(.object(block))
    }

    // MARK: - Values

    /// Tool-call arguments as JSON: OpenAI sends a JSON *string*, which is parsed when it parses
    /// and kept as a string when it does not (a model can emit broken JSON, and the text is still
    /// worth showing). An empty string means "no arguments", as in Anthropic's streams.
    static func arguments(_ value: JSONValue?) -> JSONValue {
        switch value {
        case nil, .null?:
            return .object([:])
        case .string(let text)?:
            if text.allSatisfy(\.isWhitespace) { return .object([:]) }
            return (try? JSONText.parse(text)) ?? .string(text)
        case let other?:
            return other
        }
    }

    /// A tool result as text: a string as is, text blocks joined by newlines, and anything else
    /// (structured results, images) as compact JSON so that it is kept and still searchable.
    /// Nil only for values no client sends as a result (booleans and numbers are written as JSON).
    private static func toolResultText(_ value: JSONValue) -> String? {
        switch value {
        case .null:
            return ""
        case .string(let text):
            return text
        case .array(let blocks):
            var texts: [String] = []
            for block in blocks {
                if case .string(let text) = block {
                    texts.append(text)
                } else if block["type"]?.stringValue == "text" || block["type"]?.stringValue == "input_text",
                    let text = block["text"]?.stringValue
                {
                    texts.append(text)
                } else {
                    return JSONText.string(value)
                }
            }
            return texts.joined(separator: "\n")
        default:
            return JSONText.string(value)
        }
    }

    /// `image/png` for `data:image/png;base64,…`, nil for any other URL.
    private static func dataURIMediaType(_ url: String) -> String? {
        guard url.hasPrefix("data:"), let end = url.firstIndex(where: { $0 == ";" || $0 == "," }) else { return nil }
        let type = url[url.index(url.startIndex, offsetBy: 5)..<end]
        return type.isEmpty ? nil : String(type)
    }
}
