/// How a `text/event-stream` ended, as `ServerSentEventParser.finish()` reports it.
public enum ServerSentEventStreamEnd: Sendable, Hashable {
    /// It ended between events: every event it started was dispatched.
    case complete
    /// It ended inside an event: fields were read (or a line was begun) with no blank line to
    /// dispatch them. The standard drops such an event; this says it was there, with the fields
    /// read so far when they hold data (the data is usually a cut-off JSON text).
    case cutShort(partialEvent: ServerSentEvent?)

    /// Whether an event was lost.
    public var isCutShort: Bool {
        if case .cutShort = self { return true }
        return false
    }
}
