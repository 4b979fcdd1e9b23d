/// A transcript line that was skipped, and why: reported as `FILE:LINE: reason`.
public struct SkippedLine: Sendable, Hashable, CustomStringConvertible {
    /// The transcript's path.
    public var path: String
    /// The 1-based line number.
    public var line: Int
    /// What was wrong with it.
    public var reason: String

    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(path):\(line): \(reason)" }
}
