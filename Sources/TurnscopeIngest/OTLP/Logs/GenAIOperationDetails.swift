import TurnscopeModel

/// What one `gen_ai.client.inference.operation.details` log event says about its model call:
/// the attributes of the inference span it was emitted in, plus the opt-in content.
///
/// The semantic conventions ask for structured content (arrayValue/kvlistValue in the parts
/// schema) on events; Gemini CLI sends JSON strings. Both read the same, through the span mapping's
/// own readers (`OTLPModelParameters`, `OTLPPayloads`, `OTLPUsage`), so an event and a span that
/// carry the same attributes give the same fields.
struct GenAIOperationDetails {
    /// `gen_ai.operation.name` (`chat`, `generate_content`, …).
    var operation: String?
    var model: String?
    var modelParameters: [String: JSONValue]?
    /// `gen_ai.system_instructions` as sent (text, parts, or JSON text of either).
    var systemInstructions: JSONValue?
    /// `gen_ai.input.messages` as sent.
    var inputMessages: JSONValue?
    /// The system instructions first, as a system message, then the input messages.
    var input: Payload?
    var output: Payload?
    /// `gen_ai.usage.*`: input includes cache reads and writes, which are subtracted; reasoning is
    /// part of output.
    var usage: Usage?
    var responseId: String?
    /// `gen_ai.response.finish_reasons`, else each output message's `finish_reason` (openai-v2
    /// leaves the attribute out on a streamed call).
    var finishReasons: [String]?
    /// `gen_ai.provider.name`, else the older `gen_ai.system`.
    var provider: String?
    /// `error.type`, set only when the call failed.
    var errorType: String?
    var conversationId: String?

    init(_ values: [String: JSONValue]) {
        var attributes = OTLPAttributes(values)
        operation = attributes.text("gen_ai.operation.name")
        model = OTLPModelParameters.model(&attributes)
        modelParameters = OTLPModelParameters.parameters(&attributes)
        systemInstructions = attributes.take("gen_ai.system_instructions")
        inputMessages = attributes.take("gen_ai.input.messages")
        input = OTLPPayloads.genAIInput(messages: inputMessages, system: systemInstructions)
        let outputMessages = attributes.take("gen_ai.output.messages")
        output = outputMessages.map { PayloadNormalizer.payload(from: OTLPValues.decoded($0)) }
        usage = OTLPUsage.usage(&attributes)
        responseId = attributes.text("gen_ai.response.id")
        finishReasons =
            Self.strings(attributes.take("gen_ai.response.finish_reasons"))
            ?? OTLPCallFacts.outputFinishReasons(outputMessages).map { [$0] }
        provider = attributes.text("gen_ai.provider.name", "gen_ai.system")
        errorType = attributes.text("error.type")
        conversationId = attributes.text("gen_ai.conversation.id")
    }

    /// A list of short strings (finish reasons): a string array, JSON text of one, or a single
    /// scalar; nil when nothing in it is text.
    static func strings(_ value: JSONValue?) -> [String]? {
        switch value {
        case .array(let elements)?:
            let texts = elements.compactMap { OTLPValues.text($0) }
            return texts.isEmpty ? nil : texts
        case .string(let text)?:
            if case .array(let elements) = OTLPValues.decoded(.string(text)) { return strings(.array(elements)) }
            return text.isEmpty ? nil : [text]
        default:
            return OTLPValues.text(value).map { [$0] }
        }
    }
}
