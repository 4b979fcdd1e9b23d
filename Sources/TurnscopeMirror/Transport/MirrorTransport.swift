/// Sends requests. The drainer uses one transport from its own thread, one request at a time.
public protocol MirrorTransport: Sendable {
    /// Sends `request` and returns the answer, or throws when there was none.
    func send(_ request: MirrorRequest) throws(TransportError) -> MirrorResponse
}
