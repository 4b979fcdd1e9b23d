/// The header fields of a request or response, in the order they came, names as sent.
///
/// HTTP names are case-insensitive and may repeat, so this is a list looked up without regard to
/// case rather than a dictionary.
public struct ProviderHeaders: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The names, as sent.
    public private(set) var names: [String]
    /// The values, one per name.
    public private(set) var values: [String]

    /// Headers from name and value pairs, in order.
    public init(_ fields: [(name: String, value: String)] = []) {
        names = fields.map(\.name)
        values = fields.map(\.value)
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { (name: $0.0, value: $0.1) })
    }

    /// The fields as name and value pairs, in order.
    public var fields: [(name: String, value: String)] {
        Array(zip(names, values)).map { (name: $0.0, value: $0.1) }
    }

    /// Adds a field at the end.
    public mutating func append(name: String, value: String) {
        names.append(name)
        values.append(value)
    }

    /// The first value of the field `name`, whatever its case; nil when there is none.
    public subscript(name: String) -> String? {
        guard let index = names.firstIndex(where: { Self.sameName($0, name) }) else { return nil }
        return values[index]
    }

    /// Whether there are no fields.
    public var isEmpty: Bool { names.isEmpty }

    private static func sameName(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs.lowercased() == rhs.lowercased()
    }
}
