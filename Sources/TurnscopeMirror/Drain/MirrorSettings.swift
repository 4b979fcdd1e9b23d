/// How the drainer sends: where, how much at once, how long it waits between tries.
public struct MirrorSettings: Sendable {
    /// The Langfuse host and keys the gate approved.
    public var destination: MirrorDestination
    /// Replace message content, tool arguments and results with a marker before sending.
    public var redact: Bool
    /// Timeouts and the CA bundle for libcurl.
    public var transport: TransportOptions
    /// About how many observations go in one request. Langfuse's OTLP endpoint takes large bodies
    /// (it warns above 16 MB), proxies in front of it often stop at a few MB: 413 halves a batch.
    public var recordsPerRequest: Int
    /// The largest body sent as one request (compressed): larger ones are halved before they are
    /// sent, since many proxies in front of Langfuse refuse bodies of a few megabytes.
    public var maximumBodyBytes: Int
    /// How long an idle drainer waits before it looks at the outbox again.
    public var idleInterval: Double
    /// While records keep arriving, the share of the time the drainer works (it rests the rest);
    /// 1 drains flat out whatever ingest is doing.
    public var busyShare: Double
    /// The first retry delay after a failure, doubled per failure up to `maximumBackoff`.
    public var initialBackoff: Double
    public var maximumBackoff: Double

    public init(
        destination: MirrorDestination, redact: Bool = false, transport: TransportOptions = TransportOptions(),
        recordsPerRequest: Int = 500, maximumBodyBytes: Int = 4 << 20, idleInterval: Double = 0.25,
        busyShare: Double = 0.25, initialBackoff: Double = 1, maximumBackoff: Double = 60
    ) {
        self.maximumBodyBytes = maximumBodyBytes
        self.destination = destination
        self.redact = redact
        self.transport = transport
        self.recordsPerRequest = recordsPerRequest
        self.idleInterval = idleInterval
        self.busyShare = busyShare
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }
}
