/// A field of a JSON document that is missing or of the wrong type, named by its path.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, e.g. `body.usage.input`.
    public var path: String
    /// What is wrong, e.g. "expected an integer, got a string".
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}
