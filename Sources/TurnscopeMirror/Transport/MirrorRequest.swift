/// One outbound POST.
public struct MirrorRequest: Sendable {
    /// The full URL.
    public var url: String
    /// Header names and values, in order.
    public var headers: [(String, String)]
    /// The body, already encoded (and compressed when a header says so).
    public var body: [UInt8]

    public init(url: String, headers: [(String, String)], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}
