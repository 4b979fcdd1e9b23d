import TurnscopeModel

/// What a request body says, read for the endpoint it was sent to: the prompt, the settings,
/// the tools offered and the model asked for.
///
/// Reading never fails: a body that is not JSON, or has members of the wrong type, gives what
/// could be read and a `problem` that says what could not.
struct ProviderRequest: Sendable {
    /// The body's members, when it is a JSON object.
    var body: [String: JSONValue] = [:]
    /// Why the body could not be read in full, in words for the record.
    var problem: String?
    /// The model asked for.
    var model: String?
    /// The prompt: system instructions then messages, or an embedding's input as JSON.
    var input: Payload?
    /// Every setting sent with the prompt: what is left of the body without the prompt, the
    /// tools and the model.
    var parameters: [String: JSONValue]?
    /// The tools offered to the model.
    var toolDefinitions: [ToolDefinition]?
    /// Facts particular to one endpoint (an embedding's input count), for the metadata.
    var details: [String: JSONValue] = [:]

    /// The members that are the prompt, the tools or the model, not settings.
    private static let promptMembers: Set<String> = ["messages", "system", "tools", "input", "instructions", "model"]

    init(body bytes: [UInt8], endpoint: ProviderEndpoint) {
        guard !bytes.isEmpty else {
            problem = "the request had no body"
            return
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            problem = "the request body is not JSON (\(error)); it is kept as text"
            input = .json(.string(BoundedText.text(bytes, limit: BoundedText.bodyLimit)))
            return
        }
        guard case .object(let body) = json else {
            problem = "the request body is \(json.typeName), not a JSON object"
            input = .json(json)
            return
        }
        self.body = body
        model = body["model"]?.stringValue
        let settings = body.filter { !Self.promptMembers.contains($0.key) && $0.value != .null }
        parameters = settings.isEmpty ? nil : settings
        if let tools = body["tools"], tools != .null {
            if let definitions = ToolDefinitionNormalizer.definitions(from: tools) {
                toolDefinitions = definitions.isEmpty ? nil : definitions
            } else {
                problem = "the request's tools are not a list of tool definitions"
            }
        }
        switch endpoint {
        case .anthropicMessages:
            readPrompt(system: body["system"], messages: body["messages"], messagesKey: "messages")
        case .openAIChatCompletions:
            readPrompt(system: nil, messages: body["messages"], messagesKey: "messages")
        case .openAIResponses:
            readPrompt(system: body["instructions"], messages: body["input"], messagesKey: "input")
        case .openAIEmbeddings:
            readEmbeddingInput(body["input"])
        case .anthropicCountTokens, .other:
            break
        }
    }

    /// The system instructions, then the conversation: each message through `PayloadNormalizer`.
    /// A Responses `input` may be a bare string, which is one user message.
    private mutating func readPrompt(system: JSONValue?, messages value: JSONValue?, messagesKey: String) {
        var messages: [Message] = []
        if let system, let message = ProviderMessages.system(system) { messages.append(message) }
        switch value {
        case nil, .null?:
            break
        case .string(let text)?:
            messages.append(.text(.user, text))
        case let value?:
            if let list = ProviderMessages.list(value) {
                messages += list
            } else {
                problem = problem ?? "the request's \(messagesKey) is \(value.typeName), not a list of messages"
                messages.append(Message(role: .user, parts: [.other(value)]))
            }
        }
        input = messages.isEmpty ? nil : .messages(messages)
    }

    /// An embedding's input as sent, and how many inputs it holds: one string, or a list of
    /// strings or token lists (a flat list of token numbers is one input).
    private mutating func readEmbeddingInput(_ value: JSONValue?) {
        guard let value, value != .null else { return }
        input = .json(value)
        switch value {
        case .array(let elements):
            let isOneTokenList = !elements.isEmpty && elements.allSatisfy { $0.integerValue != nil }
            details["inputCount"] = .integer(isOneTokenList ? 1 : Int64(elements.count))
        default:
            details["inputCount"] = 1
        }
    }
}
