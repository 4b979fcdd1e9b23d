/// Why the store could not do what was asked, in one line a person can act on.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The explanation.
    public let description: String

    public init(_ description: String) { self.description = description }
}
