/// Why a user price-override file could not be used, naming the file and, when the problem is in
/// one entry, the model and field ("prices.json: my-model.cacheRead: expected a number, got a string").
public struct PriceFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path as given.
    public var file: String
    /// The offending field as `model.field` (e.g. `my-model.input`), nil when the file as a whole
    /// is at fault (unreadable, not JSON).
    public var field: String?
    /// What is wrong, in words a person can act on.
    public var reason: String

    /// An error about `file`, optionally about one field of one entry.
    public init(file: String, field: String? = nil, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    /// `file: model.field: reason`, or `file: reason`.
    public var description: String {
        if let field, !field.isEmpty { return "\(file): \(field): \(reason)" }
        return "\(file): \(reason)"
    }
}
