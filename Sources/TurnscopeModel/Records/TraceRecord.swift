/// One request or turn of an application, as a client reports it. Every field but `id` may be
/// missing: a record can be an update that sets only a few fields.
public struct TraceRecord: Sendable, Hashable {
    /// The client's trace id.
    public var id: String
    /// A name such as `claude_turn_3` or `chat`.
    public var name: String?
    /// The user the trace belongs to.
    public var userId: String?
    /// The session that groups this trace with others.
    public var sessionId: String?
    /// When the trace started; fixed at first write.
    public var timestamp: Timestamp?
    /// Free-form labels; merged as a sorted union.
    public var tags: [String]?
    /// Free-form metadata; objects are deep-merged across updates.
    public var metadata: JSONValue?
    /// The trace's input.
    public var input: Payload?
    /// The trace's output.
    public var output: Payload?
    /// The application's release.
    public var release: String?
    /// The application's version.
    public var version: String?
    /// The deployment environment (`default`, `production`, …).
    public var environment: String?
    /// Whether the trace is public in Langfuse.
    public var isPublic: Bool?
    /// When the client sent this record: a later record's values win over an earlier one's.
    public var eventTime: Timestamp?
    /// The application that reported it (OTLP's resource `service.name`). Not a Langfuse field:
    /// traces without a session id are grouped into automatic sessions by client, service and
    /// user, so two applications sending at once do not share one.
    public var service: String?

    /// A trace record; every field but `id` may be left out.
    public init(
        id: String, name: String? = nil, userId: String? = nil, sessionId: String? = nil,
        timestamp: Timestamp? = nil, tags: [String]? = nil, metadata: JSONValue? = nil, input: Payload? = nil,
        output: Payload? = nil, release: String? = nil, version: String? = nil, environment: String? = nil,
        isPublic: Bool? = nil, eventTime: Timestamp? = nil, service: String? = nil
    ) {
        self.id = id
        self.name = name
        self.userId = userId
        self.sessionId = sessionId
        self.timestamp = timestamp
        self.tags = tags
        self.metadata = metadata
        self.input = input
        self.output = output
        self.release = release
        self.version = version
        self.environment = environment
        self.isPublic = isPublic
        self.eventTime = eventTime
        self.service = service
    }
}
