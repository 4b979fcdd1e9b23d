/// One piece of a message: text, an image reference, a tool call, a tool result or reasoning.
///
/// Parts the model does not know are kept as `.other` so nothing a client sent is dropped.
public enum MessagePart: Sendable, Hashable {
    /// Plain text.
    case text(String)
    /// An image, by URL or data URI (decoders may shorten large data URIs to a reference).
    case image(url: String, mediaType: String?)
    /// The model asks for a tool to run.
    case toolCall(ToolCall)
    /// What a tool returned.
    case toolResult(ToolResult)
    /// The model's reasoning ("thinking"), with the provider's signature when it sent one.
    case reasoning(text: String, signature: String?)
    /// A part of a type Turnscope does not model, kept whole.
    case other(JSONValue)
}

/// A tool call the model asked for.
public struct ToolCall: Sendable, Hashable {
    /// The provider's call id (`call_…`, `toolu_…`), which pairs the call with its result.
    public var id: String?
    /// The tool's name.
    public var name: String
    /// The arguments: usually an object; a string when the provider sent text that is not JSON.
    public var arguments: JSONValue

    public init(id: String?, name: String, arguments: JSONValue) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// The answer a tool gave to a call.
public struct ToolResult: Sendable, Hashable {
    /// The id of the call this answers.
    public var callId: String?
    /// The result as text.
    public var content: String
    /// Whether the tool reported an error.
    public var isError: Bool

    public init(callId: String?, content: String, isError: Bool = false) {
        self.callId = callId
        self.content = content
        self.isError = isError
    }
}

extension MessagePart {
    /// The searchable text of this part: text, tool names and arguments, results and reasoning.
    public var searchableText: String? {
        switch self {
        case .text(let text): text
        case .toolCall(let call): call.name + " " + (call.arguments.stringValue ?? JSONText.string(call.arguments))
        case .toolResult(let result): result.content
        case .reasoning(let text, _): text
        case .image, .other: nil
        }
    }
}
