/// Reads typed fields out of a JSON object and names the exact path of anything wrong.
///
/// Decoders use it instead of `Codable` so an error says "body.startTime: not an ISO-8601
/// timestamp" rather than a coding-path dump, and so unknown fields are simply ignored.
public struct FieldReader: Sendable {
    /// The object being read.
    public let object: [String: JSONValue]
    /// The path of the object, prefixed to every error.
    public let path: String

    /// A reader over `value`, which must be an object.
    public init(_ value: JSONValue, path: String = "") throws(FieldError) {
        guard case .object(let object) = value else {
            throw FieldError(path: path, reason: "expected an object, got \(value.typeName)")
        }
        self.object = object
        self.path = path
    }

    /// The path of a member.
    public func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A member, or nil when absent or JSON null.
    public func value(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    /// Whether the member is present and not null.
    public func has(_ key: String) -> Bool { value(key) != nil }

    /// An optional string member.
    public func string(_ key: String) throws(FieldError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let string) = value else { throw mismatch(key, "a string", value) }
        return string
    }

    /// A string member that must be present and non-empty.
    public func requiredString(_ key: String) throws(FieldError) -> String {
        guard let string = try string(key) else { throw FieldError(path: path(of: key), reason: "is required") }
        guard !string.isEmpty else { throw FieldError(path: path(of: key), reason: "must not be empty") }
        return string
    }

    /// An optional integer member (a float with no fraction counts).
    public func integer(_ key: String) throws(FieldError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard let integer = value.integerValue else { throw mismatch(key, "an integer", value) }
        return integer
    }

    /// An optional number member.
    public func number(_ key: String) throws(FieldError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue else { throw mismatch(key, "a number", value) }
        return number
    }

    /// An optional boolean member.
    public func bool(_ key: String) throws(FieldError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let bool) = value else { throw mismatch(key, "a boolean", value) }
        return bool
    }

    /// An optional ISO-8601 timestamp member.
    public func timestamp(_ key: String) throws(FieldError) -> Timestamp? {
        guard let text = try string(key) else { return nil }
        guard let timestamp = Timestamp(iso8601: text) else {
            throw FieldError(
                path: path(of: key),
                reason: "not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): \(text.prefix(40))")
        }
        return timestamp
    }

    /// An optional object member.
    public func object(_ key: String) throws(FieldError) -> [String: JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else { throw mismatch(key, "an object", value) }
        return object
    }

    /// An optional array member.
    public func array(_ key: String) throws(FieldError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let array) = value else { throw mismatch(key, "an array", value) }
        return array
    }

    /// An optional array of strings.
    public func strings(_ key: String) throws(FieldError) -> [String]? {
        guard let array = try array(key) else { return nil }
        var strings: [String] = []
        for (index, element) in array.enumerated() {
            guard case .string(let string) = element else {
                throw FieldError(path: "\(path(of: key))[\(index)]", reason: "expected a string, got \(element.typeName)")
            }
            strings.append(string)
        }
        return strings
    }

    /// A reader over an object member, or nil when absent.
    public func nested(_ key: String) throws(FieldError) -> FieldReader? {
        guard let value = value(key) else { return nil }
        return try FieldReader(value, path: path(of: key))
    }

    private func mismatch(_ key: String, _ expected: String, _ value: JSONValue) -> FieldError {
        FieldError(path: path(of: key), reason: "expected \(expected), got \(value.typeName)")
    }
}
