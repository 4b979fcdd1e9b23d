import TurnscopeModel

/// Chat messages that instrumentations spread over numbered attributes, one attribute per field:
///
/// - OpenLLMetry (legacy): `gen_ai.prompt.{i}.role|content|tool_call_id`,
///   `gen_ai.prompt.{i}.tool_calls.{j}.id|name|arguments`, and the same under `gen_ai.completion.{i}`;
/// - OpenInference: `llm.input_messages.{i}.message.role|content|name|tool_call_id`,
///   `….message.contents.{k}.message_content.type|text|image.image.url` and
///   `….message.tool_calls.{j}.tool_call.id|function.name|function.arguments`, and the same under
///   `llm.output_messages.{i}`.
///
/// The messages are built here rather than handed to the payload normalizer as JSON: the shape is
/// fixed by these conventions, and only a content that is itself a JSON list of content blocks
/// (OpenLLMetry's Anthropic instrumentation writes those) needs the normalizer.
enum OTLPFlattenedMessages {
    /// Messages from OpenLLMetry attributes, with the `gen_ai.prompt.`/`gen_ai.completion.` prefix
    /// already stripped (`0.role`, `0.tool_calls.1.name`, …); nil when there are none.
    static func openLLMetry(_ fields: [String: JSONValue], defaultRole: Role) -> [Message]? {
        let messages = indexed(fields).compactMap { fields in
            message(
                role: OTLPValues.text(fields["role"]), name: OTLPValues.text(fields["name"]),
                content: fields["content"], contents: [],
                toolCalls: indexed(fields, under: "tool_calls.").map { call in
                    (OTLPValues.text(call["id"]), OTLPValues.text(call["name"]), call["arguments"])
                },
                toolCallId: OTLPValues.text(fields["tool_call_id"]), defaultRole: defaultRole)
        }
        return messages.isEmpty ? nil : messages
    }

    /// Messages from OpenInference attributes, with the `llm.input_messages.`/`llm.output_messages.`
    /// prefix already stripped (`0.message.role`, …); nil when there are none.
    static func openInference(_ fields: [String: JSONValue], defaultRole: Role) -> [Message]? {
        let messages = indexed(fields).compactMap { fields in
            message(
                role: OTLPValues.text(fields["message.role"]), name: OTLPValues.text(fields["message.name"]),
                content: fields["message.content"],
                contents: indexed(fields, under: "message.contents.").compactMap { part in
                    switch OTLPValues.text(part["message_content.type"]) {
                    case "image":
                        OTLPValues.text(part["message_content.image.image.url"]).map { .image(url: $0, mediaType: nil) }
                    default:
                        OTLPValues.text(part["message_content.text"]).map(MessagePart.text)
                    }
                },
                toolCalls: indexed(fields, under: "message.tool_calls.").map { call in
                    (
                        OTLPValues.text(call["tool_call.id"]), OTLPValues.text(call["tool_call.function.name"]),
                        call["tool_call.function.arguments"]
                    )
                },
                toolCallId: OTLPValues.text(fields["message.tool_call_id"]), defaultRole: defaultRole)
        }
        return messages.isEmpty ? nil : messages
    }

    // MARK: - Building

    private static func message(
        role: String?, name: String?, content: JSONValue?, contents: [MessagePart],
        toolCalls: [(id: String?, name: String?, arguments: JSONValue?)], toolCallId: String?, defaultRole: Role
    ) -> Message? {
        let role = role.map { Role(rawValue: $0) } ?? defaultRole
        var parts: [MessagePart] = []
        let text = OTLPValues.text(content)
        if toolCallId != nil || role == .tool {
            // A tool's answer: OpenAI-style `role: tool` with the id of the call it answers.
            let result = text ?? contents.compactMap(\.searchableText).joined(separator: "\n")
            parts.append(.toolResult(ToolResult(callId: toolCallId, content: result)))
        } else {
            if let text { parts += self.parts(content: text, role: role) }
            parts += contents
        }
        for call in toolCalls {
            guard let name = call.name else { continue }
            parts.append(.toolCall(ToolCall(id: call.id, name: name, arguments: arguments(call.arguments))))
        }
        guard !parts.isEmpty else { return nil }
        return Message(role: role, name: name, parts: parts)
    }

    /// A content attribute: plain text, or a JSON list of content blocks for the normalizer.
    private static func parts(content text: String, role: Role) -> [MessagePart] {
        if text.first == "[", case .array(let blocks) = OTLPValues.decoded(.string(text)),
            case .messages(let messages) = PayloadNormalizer.payload(
                from: .array([.object(["role": .string(role.rawValue), "content": .array(blocks)])])),
            messages.count == 1
        {
            return messages[0].parts
        }
        return [.text(text)]
    }

    /// Tool-call arguments: the JSON they encode when they parse as an object or array, else the
    /// raw text, and an empty object when there are none.
    private static func arguments(_ value: JSONValue?) -> JSONValue {
        guard let value else { return .object([:]) }
        guard case .string(let text) = value else { return value }
        if text.isEmpty { return .object([:]) }
        switch OTLPValues.decoded(value) {
        case .object, .array: return OTLPValues.decoded(value)
        default: return value
        }
    }

    // MARK: - Indexing

    /// Groups `{i}.rest` keys by `i`, in numeric order, with `under` and the index stripped.
    static func indexed(_ fields: [String: JSONValue], under prefix: String = "") -> [[String: JSONValue]] {
        var groups: [Int: [String: JSONValue]] = [:]
        for (key, value) in fields where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            guard let dot = rest.firstIndex(of: "."), let index = Int(rest[..<dot]), index >= 0 else { continue }
            groups[index, default: [:]][String(rest[rest.index(after: dot)...])] = value
        }
        return groups.keys.sorted().map { groups[$0]! }
    }
}
