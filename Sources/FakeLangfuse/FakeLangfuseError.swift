/// The fake could not start.
public struct FakeLangfuseError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
