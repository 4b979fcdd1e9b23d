import TurnscopeModel

/// A span's input and output, from the first convention that carries them.
///
/// The order is Langfuse's keys first, then OTel GenAI (current JSON attributes or the inference
/// details event, then the legacy flattened `gen_ai.prompt.*`), then OpenInference (flattened
/// messages, then the raw `input.value`). This departs from Langfuse's server in one place on
/// purpose: structured messages come before raw payloads (`traceloop.entity.*`, `input.value`),
/// since OpenInference's raw `output.value` is often the provider's response without the tool
/// calls, which only the flattened messages hold. Each side is read on its own, and every
/// candidate key is marked used, so the metadata does not repeat a prompt under another name.
enum OTLPPayloads {
    /// The span event that newer GenAI instrumentations use instead of attributes for content.
    static let inferenceDetailsEvent = "gen_ai.client.inference.operation.details"

    /// - Parameter memo: the prompt read from the export's previous span, which the next one
    ///   usually repeats and extends (`MessageListMemo`).
    static func read(
        _ attributes: inout OTLPAttributes, events: [OTLPSpan.Event], memo: inout MessageListMemo
    ) -> (input: Payload?, output: Payload?) {
        let details = events.last { $0.name == inferenceDetailsEvent }?.attributes ?? [:]
        let input = self.input(&attributes, details: details, memo: &memo)
        let output = self.output(&attributes, details: details)
        attributes.discard(
            "langfuse.observation.input", "langfuse.observation.output", "gen_ai.system_instructions",
            "gen_ai.input.messages", "gen_ai.output.messages", "traceloop.entity.input", "traceloop.entity.output",
            "input.value", "output.value", "input.mime_type", "output.mime_type", "input", "output",
            "gen_ai.tool.call.arguments", "gen_ai.tool.call.result")
        attributes.discard(prefix: "gen_ai.prompt.")
        attributes.discard(prefix: "gen_ai.completion.")
        attributes.discard(prefix: "llm.input_messages.")
        attributes.discard(prefix: "llm.output_messages.")
        return (input, output)
    }

    private static func input(
        _ attributes: inout OTLPAttributes, details: [String: JSONValue], memo: inout MessageListMemo
    ) -> Payload? {
        if let value = attributes.take("langfuse.observation.input") { return memo.payload(from: value) ?? json(value) }
        if let messages = genAIInput(messages: details["gen_ai.input.messages"], system: details["gen_ai.system_instructions"]) {
            return messages
        }
        let messages = attributes.take("gen_ai.input.messages")
        let system = attributes.take("gen_ai.system_instructions")
        if system == nil, let messages, let payload = memo.payload(from: messages) { return payload }
        if let payload = genAIInput(messages: messages, system: system) { return payload }
        if let messages = OTLPFlattenedMessages.openLLMetry(attributes.take(prefix: "gen_ai.prompt."), defaultRole: .user) {
            return .messages(messages)
        }
        if let messages = OTLPFlattenedMessages.openInference(
            attributes.take(prefix: "llm.input_messages."), defaultRole: .user)
        {
            return .messages(messages)
        }
        return raw(&attributes, side: "input", toolKey: "gen_ai.tool.call.arguments")
    }

    private static func output(_ attributes: inout OTLPAttributes, details: [String: JSONValue]) -> Payload? {
        if let value = attributes.take("langfuse.observation.output") { return json(value) }
        if let value = details["gen_ai.output.messages"] { return json(value) }
        if let value = attributes.take("gen_ai.output.messages") { return json(value) }
        if let messages = OTLPFlattenedMessages.openLLMetry(
            attributes.take(prefix: "gen_ai.completion."), defaultRole: .assistant)
        {
            return .messages(messages)
        }
        if let messages = OTLPFlattenedMessages.openInference(
            attributes.take(prefix: "llm.output_messages."), defaultRole: .assistant)
        {
            return .messages(messages)
        }
        return raw(&attributes, side: "output", toolKey: "gen_ai.tool.call.result")
    }

    /// `gen_ai.input.messages` with `gen_ai.system_instructions` in front as a system message in the
    /// same parts schema, so the normalizer sees one conversation. The GenAI and Gemini CLI log
    /// mappings read their inference-details events with it too.
    static func genAIInput(messages: JSONValue?, system: JSONValue?) -> Payload? {
        let system = system.map(OTLPValues.decoded)
        let messages = messages.map(OTLPValues.decoded)
        guard let system else { return messages.map(PayloadNormalizer.payload(from:)) }
        let parts: JSONValue =
            if case .string(let text) = system { [["type": "text", "content": .string(text)]] } else { system }
        let systemMessage: JSONValue = ["role": "system", "parts": parts]
        switch messages {
        case nil: return PayloadNormalizer.payload(from: [systemMessage])
        case .array(let list)?: return PayloadNormalizer.payload(from: .array([systemMessage] + list))
        case let other?: return PayloadNormalizer.payload(from: other)
        }
    }

    /// Raw payload attributes, for spans that carry no messages (chains, tools, retrievers).
    private static func raw(_ attributes: inout OTLPAttributes, side: String, toolKey: String) -> Payload? {
        if let value = attributes.take("traceloop.entity.\(side)") { return json(value) }
        if let value = attributes.take("\(side).value") {
            // OpenInference says how to read it; plain text stays text even when it looks like JSON.
            if OTLPValues.text(attributes.take("\(side).mime_type"))?.hasPrefix("text/") == true {
                return PayloadNormalizer.payload(from: value)
            }
            return json(value)
        }
        if let value = attributes.take(side) { return json(value) }
        if let value = attributes.take(toolKey) { return json(value) }
        return nil
    }

    /// A payload from a value that is usually JSON text.
    private static func json(_ value: JSONValue) -> Payload {
        PayloadNormalizer.payload(from: OTLPValues.decoded(value))
    }
}
