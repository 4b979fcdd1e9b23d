/// Token counts of one model call, each counter kept apart as the provider reported it.
///
/// `input` is *uncached* input: it excludes cache reads and writes (Anthropic's convention, and
/// Langfuse's). Decoders for providers that count cached tokens inside input (OpenAI) subtract them,
/// so that no cached token is billed twice. `reasoning` is a part of `output`, never added to it.
public struct Usage: Sendable, Hashable {
    /// Input tokens that were neither read from nor written to the prompt cache.
    public var input: Int64?
    /// Output tokens, reasoning included.
    public var output: Int64?
    /// Input tokens read from the prompt cache.
    public var cacheRead: Int64?
    /// Input tokens written to the cache with the 5-minute lifetime (Anthropic's default).
    public var cacheWrite5m: Int64?
    /// Input tokens written to the cache with the 1-hour lifetime.
    public var cacheWrite1h: Int64?
    /// Output tokens spent on reasoning (a subset of `output`).
    public var reasoning: Int64?
    /// The total the client reported, if it reported one.
    public var total: Int64?
    /// Any other counter a provider reports (audio, images, search queries), by name.
    public var other: [String: Int64]

    public init(
        input: Int64? = nil, output: Int64? = nil, cacheRead: Int64? = nil, cacheWrite5m: Int64? = nil,
        cacheWrite1h: Int64? = nil, reasoning: Int64? = nil, total: Int64? = nil, other: [String: Int64] = [:]
    ) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.reasoning = reasoning
        self.total = total
        self.other = other
    }

    /// Cache writes of both lifetimes.
    public var cacheWrite: Int64 { (cacheWrite5m ?? 0) + (cacheWrite1h ?? 0) }

    /// Every input token: uncached, cache reads and cache writes.
    public var promptTokens: Int64 { (input ?? 0) + (cacheRead ?? 0) + cacheWrite }

    /// The reported total, else prompt plus output tokens.
    public var effectiveTotal: Int64 { total ?? promptTokens + (output ?? 0) }

    /// Whether no counter is set.
    public var isEmpty: Bool {
        input == nil && output == nil && cacheRead == nil && cacheWrite5m == nil && cacheWrite1h == nil
            && reasoning == nil && total == nil && other.isEmpty
    }
}
