/// Who speaks a message. Known roles have names; anything else a client sends is kept verbatim.
public struct Role: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    /// The role as the client named it, lowercased.
    public var rawValue: String

    public init(rawValue: String) {
        // Roles almost always arrive lowercased already; checking the bytes is cheaper than
        // `lowercased()`, which builds a new string every time.
        let isLower = rawValue.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) }
        self.rawValue = isLower ? rawValue : rawValue.lowercased()
    }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Instructions from the application (OpenAI `system`, Anthropic's top-level `system`).
    public static let system: Role = "system"
    /// OpenAI's newer name for system instructions.
    public static let developer: Role = "developer"
    /// The person or program driving the model.
    public static let user: Role = "user"
    /// The model.
    public static let assistant: Role = "assistant"
    /// A tool's answer to a call the model made.
    public static let tool: Role = "tool"
}
