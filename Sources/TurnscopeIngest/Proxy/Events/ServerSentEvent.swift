/// One event of a `text/event-stream` response, as the WHATWG HTML standard's parser dispatches
/// it (§9.2.6): the type, the `data:` lines joined by line feeds, and the last event id.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field, or `message` when the event named none (OpenAI Chat streams never do).
    public var type: String
    /// Every `data:` line of the event, joined by line feeds, without the final one.
    public var data: String
    /// The last `id:` the stream set, which carries over to later events as the standard says;
    /// nil until one is set.
    public var id: String?

    /// An event; `type` defaults to `message`, the type of an event with no `event:` field.
    public init(type: String = "message", data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}
