/// Why the browser could not take over the terminal. The message tells the user what to do instead.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }

    /// The advice every failure ends with: the line-oriented commands work anywhere.
    static let alternative = "use `turnscope sessions` and `turnscope show SESSION` to read the database without it"
}
