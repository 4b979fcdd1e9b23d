/// The per-token prices of one model, in US dollars, as one entry of a price table.
///
/// Prices are per token (LiteLLM's unit), not per million: `input: 3e-6` is $3 per million input
/// tokens. Optional prices are the ones a provider may not publish; `cost(for:)` says what stands
/// in for each when it is missing, so an absent price never silently bills tokens at $0.
public struct ModelPrice: Sendable, Hashable {
    /// The entry's name in the table (a LiteLLM key such as `claude-sonnet-4-5-20250929`), shown
    /// to the user as the source of a computed cost.
    public var key: String
    /// The provider the entry prices (LiteLLM's `litellm_provider`, e.g. `anthropic`, `bedrock_converse`).
    public var provider: String?
    /// USD per uncached input token.
    public var input: Double
    /// USD per output token (reasoning included unless `reasoning` prices it apart).
    public var output: Double
    /// USD per input token read from the prompt cache; nil bills cache reads at the input price.
    public var cacheRead: Double?
    /// USD per input token written to the cache with the 5-minute lifetime; nil means 1.25 × input.
    public var cacheWrite5m: Double?
    /// USD per input token written to the cache with the 1-hour lifetime; nil means 2 × input.
    public var cacheWrite1h: Double?
    /// USD per reasoning token when the provider prices reasoning apart from other output; nil
    /// (the usual case) bills reasoning as ordinary output.
    public var reasoning: Double?
    /// Higher prices for requests with a long prompt, when the model has them.
    public var longContext: Tier?

    /// An entry with the given prices; only `key`, `input` and `output` are required.
    public init(
        key: String, provider: String? = nil, input: Double, output: Double, cacheRead: Double? = nil,
        cacheWrite5m: Double? = nil, cacheWrite1h: Double? = nil, reasoning: Double? = nil, longContext: Tier? = nil
    ) {
        self.key = key
        self.provider = provider
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.reasoning = reasoning
        self.longContext = longContext
    }
}
