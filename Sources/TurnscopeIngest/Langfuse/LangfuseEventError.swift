/// One refused event of an ingestion batch, shaped like an entry of Langfuse's 207 `errors` list.
public struct LangfuseEventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The event's envelope id, or `unknown` when the event has no string id (as Langfuse says).
    public var id: String
    /// The HTTP-like status of this event: 400 for invalid data.
    public var status: Int
    /// The category, `Invalid request data` for every validation failure.
    public var message: String
    /// The precise reason, naming the event and the field, e.g.
    /// `event 3 (generation-create 9412db30-…): body.startTime: not an ISO-8601 timestamp with a time zone (…)`.
    public var error: String

    /// An event error.
    public init(id: String, status: Int = 400, message: String = "Invalid request data", error: String) {
        self.id = id
        self.status = status
        self.message = message
        self.error = error
    }

    /// The precise reason.
    public var description: String { error }
}
