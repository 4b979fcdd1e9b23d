import TurnscopeModel

/// The messages of a Gemini CLI model call, from the raw Gemini JSON it logs: `request_text`
/// (the request's whole `contents` history) and `response_text` (the stream's chunks), and the
/// roles of its GenAI twin's messages set right.
///
/// Gemini's parts (`text`, `functionCall`, `functionResponse`) are read by the payload normalizer;
/// this only prepares them: a `thought` part becomes a reasoning part, the `thoughtSignature`
/// Gemini attaches to parts is dropped (it is an opaque token, and a part carrying it would not
/// read as plain text), the text a stream sends in pieces is joined, and Gemini's `model` role
/// is named `assistant`, as every other source names the model.
enum GeminiCLIContents {
    /// The messages of a `contents` list (JSON text or already structured); nil when it is not one.
    static func messages(contents value: JSONValue) -> [Message]? {
        guard case .array(let contents) = OTLPValues.decoded(value) else { return nil }
        let cleaned: [JSONValue] = contents.map { content in
            guard var object = content.objectValue else { return content }
            if case .array(let parts)? = object["parts"] { object["parts"] = .array(joined(parts.map(prepared))) }
            return .object(object)
        }
        return PayloadNormalizer.messages(from: .array(cleaned)).map { $0.map(assistantForModel) }
    }

    /// The model's answer in the stream chunks of `response_text`: one message per candidate,
    /// its parts gathered across chunks in order; nil when no chunk holds a candidate's content.
    static func messages(responseChunks value: JSONValue) -> [Message]? {
        var candidates: [(index: Int64, role: JSONValue, parts: [JSONValue])] = []
        for chunk in chunks(value) {
            for candidate in chunk["candidates"]?.arrayValue ?? [] {
                guard let content = candidate["content"]?.objectValue else { continue }
                let index = OTLPValues.integer(candidate["index"]) ?? 0
                let parts = (content["parts"]?.arrayValue ?? []).map(prepared)
                if let at = candidates.firstIndex(where: { $0.index == index }) {
                    candidates[at].parts += parts
                } else {
                    candidates.append((index, content["role"] ?? "model", parts))
                }
            }
        }
        let messages = candidates.sorted { $0.index < $1.index }.compactMap { candidate -> Message? in
            let content: JSONValue = ["role": candidate.role, "parts": .array(joined(candidate.parts))]
            guard let message = PayloadNormalizer.messages(from: content)?.first, !message.parts.isEmpty else { return nil }
            return assistantForModel(message)
        }
        return messages.isEmpty ? nil : messages
    }

    /// The response id and model version the chunks name (the last chunk that names them).
    static func response(chunks value: JSONValue) -> (id: String?, model: String?) {
        var id: String?
        var model: String?
        for chunk in chunks(value) {
            id = OTLPValues.text(chunk["responseId"]) ?? id
            model = OTLPValues.text(chunk["modelVersion"]) ?? model
        }
        return (id, model)
    }

    /// The twin's messages with the roles the CLI gave them set right: the CLI writes the model's
    /// turns with role `system` (AGENT-TELEMETRY.md §4.6), and sends its real system prompt apart,
    /// in `gen_ai.system_instructions`, so in its messages `system` always means the model.
    static func twinMessages(_ payload: Payload?) -> [Message]? {
        guard let messages = payload?.messages, !messages.isEmpty else { return nil }
        return messages.map { message in
            var message = assistantForModel(message)
            if message.role == .system { message.role = .assistant }
            return message
        }
    }

    // MARK: - Parts

    private static func chunks(_ value: JSONValue) -> [JSONValue] {
        switch OTLPValues.decoded(value) {
        case .array(let chunks): chunks
        case .object(let chunk): [.object(chunk)]
        default: []
        }
    }

    /// A Gemini part ready for the normalizer (see the type's comment).
    private static func prepared(_ part: JSONValue) -> JSONValue {
        guard var object = part.objectValue else { return part }
        object["thoughtSignature"] = nil
        if object["thought"] == .bool(true), case .string(let text)? = object["text"] {
            return ["type": "reasoning", "content": .string(text)]
        }
        if object["thought"] == .bool(false) { object["thought"] = nil }
        return .object(object)
    }

    /// Adjacent pieces of text (or of reasoning), which a stream sends chunk by chunk, as one part.
    private static func joined(_ parts: [JSONValue]) -> [JSONValue] {
        var result: [JSONValue] = []
        for part in parts {
            if let last = result.last, let merged = join(last, part) {
                result[result.count - 1] = merged
            } else {
                result.append(part)
            }
        }
        return result
    }

    private static func join(_ first: JSONValue, _ second: JSONValue) -> JSONValue? {
        guard case .object(let a) = first, case .object(let b) = second, a.count == b.count else { return nil }
        if a.count == 1, case .string(let x)? = a["text"], case .string(let y)? = b["text"] {
            return ["text": .string(x + y)]
        }
        if a.count == 2, a["type"] == "reasoning", b["type"] == "reasoning", case .string(let x)? = a["content"],
            case .string(let y)? = b["content"]
        {
            return ["type": "reasoning", "content": .string(x + y)]
        }
        return nil
    }

    private static func assistantForModel(_ message: Message) -> Message {
        guard message.role == "model" else { return message }
        var message = message
        message.role = .assistant
        return message
    }
}
