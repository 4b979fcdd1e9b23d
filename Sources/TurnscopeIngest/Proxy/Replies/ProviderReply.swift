import TurnscopeModel

/// What an upstream answered, read from a whole body or assembled from a stream: the pieces of
/// a record that come from the response.
struct ProviderReply: Sendable {
    /// The answer as chat messages (one assistant message, one per choice for `n` > 1).
    var messages: [Message] = []
    /// The provider's id of the answer: `msg_…`, `chatcmpl-…`, `resp_…`.
    var responseId: String?
    /// The model that answered, usually a dated name.
    var model: String?
    /// Why it stopped: Anthropic's `stop_reason`, OpenAI's `finish_reason`, a Responses status
    /// or incomplete reason.
    var finishReason: String?
    /// Token counts as the provider reported them (so far, for a stream cut short).
    var usage: Usage?
    /// An error the provider reported inside a successful response (a stream's error event).
    var error: ProviderError?
    /// Whether the answer is known to be whole: a body was read, or a stream sent its closing
    /// event (or an error event, after which nothing follows).
    var isFinished = false
    /// How many events a stream had.
    var eventCount = 0
    /// How many of them held no readable JSON.
    var unreadableEvents = 0
    /// Facts particular to one endpoint (an embedding's count and dimensions), for the metadata.
    var details: [String: JSONValue] = [:]
}
