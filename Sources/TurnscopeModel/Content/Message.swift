/// One chat message: a role and its parts, in the order the client sent them.
public struct Message: Sendable, Hashable {
    /// Who speaks.
    public var role: Role
    /// An optional participant name (OpenAI `name`).
    public var name: String?
    /// The content, in order.
    public var parts: [MessagePart]

    public init(role: Role, name: String? = nil, parts: [MessagePart]) {
        self.role = role
        self.name = name
        self.parts = parts
    }

    /// A message with a single text part.
    public static func text(_ role: Role, _ text: String) -> Message {
        Message(role: role, parts: [.text(text)])
    }

    /// All searchable text of the message, parts separated by newlines.
    public var searchableText: String {
        parts.compactMap(\.searchableText).joined(separator: "\n")
    }

    /// The tool calls among the parts.
    public var toolCalls: [ToolCall] {
        parts.compactMap { if case .toolCall(let call) = $0 { call } else { nil } }
    }

    /// The tool results among the parts.
    public var toolResults: [ToolResult] {
        parts.compactMap { if case .toolResult(let result) = $0 { result } else { nil } }
    }
}
