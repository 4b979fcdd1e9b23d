/// The body of an upstream's response as the proxy kept it.
public enum ProviderResponseBody: Sendable, Hashable {
    /// The bytes as they came: a JSON body, an error page, or a `text/event-stream` the transport
    /// did not parse itself (the decoder parses it when the `Content-Type` says so or the bytes
    /// look like one).
    case bytes([UInt8])
    /// The events of a stream, parsed as they arrived with `ServerSentEventParser`.
    case events([ServerSentEvent])

    /// No body.
    public static let empty = ProviderResponseBody.bytes([])
}
