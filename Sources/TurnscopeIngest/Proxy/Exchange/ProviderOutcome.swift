/// How a call through the proxy ended, as the transport saw it.
public enum ProviderOutcome: Sendable, Hashable {
    /// The whole response arrived, as far as the transport can tell. The decoder still finds a
    /// stream cut short when it lacks its closing event (`message_stop`, `[DONE]`,
    /// `response.completed`); a transport that parses events itself should report
    /// `.cutShort(.upstreamClosed)` when `ServerSentEventParser.finish()` says an event was cut.
    case complete
    /// The response started but stopped before its end; `detail` is the transport's own words,
    /// if any ("Connection reset by peer").
    case cutShort(ProviderCutShortReason, detail: String? = nil)
    /// No response arrived at all: the upstream could not be reached, TLS failed, …
    case failedBeforeResponse(message: String)
}
