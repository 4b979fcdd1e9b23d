extension ModelPrice {
    /// The long-context prices of a model: they apply to a whole request whose prompt is longer
    /// than `threshold` tokens (LiteLLM's `*_above_200k_tokens` fields).
    public struct Tier: Sendable, Hashable {
        /// The threshold LiteLLM's `_above_200k_tokens` fields use.
        public static let defaultThreshold: Int64 = 200_000

        /// The tier applies when the prompt (uncached input + cache reads + cache writes) has
        /// strictly more tokens than this, as LiteLLM compares.
        public var threshold: Int64
        /// USD per uncached input token above the threshold.
        public var input: Double
        /// USD per output token above the threshold.
        public var output: Double
        /// USD per cache-read token above the threshold; nil falls back to the base entry's price.
        public var cacheRead: Double?
        /// USD per 5-minute cache-write token above the threshold; nil falls back to the base entry's price.
        public var cacheWrite5m: Double?
        /// USD per 1-hour cache-write token above the threshold; nil falls back to the base entry's price.
        public var cacheWrite1h: Double?

        /// A tier with the given prices; the threshold defaults to 200,000 prompt tokens.
        public init(
            threshold: Int64 = Tier.defaultThreshold, input: Double, output: Double, cacheRead: Double? = nil,
            cacheWrite5m: Double? = nil, cacheWrite1h: Double? = nil
        ) {
            self.threshold = threshold
            self.input = input
            self.output = output
            self.cacheRead = cacheRead
            self.cacheWrite5m = cacheWrite5m
            self.cacheWrite1h = cacheWrite1h
        }
    }
}
