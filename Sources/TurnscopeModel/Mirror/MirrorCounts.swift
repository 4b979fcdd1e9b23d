/// The mirror outbox at a glance, with what the drainer last reported.
public struct MirrorCounts: Sendable, Hashable {
    /// Entries (traces and scores) waiting to be sent.
    public var pending: Int
    /// Entries delivered as they are now.
    public var sent: Int
    /// Entries the server refused as invalid, parked until `turnscope mirror retry`.
    public var failed: Int
    /// Where the drainer last sent (host only, never keys) and with which protocol
    /// (`otlp` or `ingestion`).
    public var destination: String?
    public var transport: String?
    /// The last failure, and when; the last success.
    public var lastError: String?
    public var lastErrorTime: Timestamp?
    public var lastSuccessTime: Timestamp?

    public init(
        pending: Int = 0, sent: Int = 0, failed: Int = 0, destination: String? = nil, transport: String? = nil,
        lastError: String? = nil, lastErrorTime: Timestamp? = nil, lastSuccessTime: Timestamp? = nil
    ) {
        self.pending = pending
        self.sent = sent
        self.failed = failed
        self.destination = destination
        self.transport = transport
        self.lastError = lastError
        self.lastErrorTime = lastErrorTime
        self.lastSuccessTime = lastSuccessTime
    }
}
