/// What the writer remembers between transactions to avoid repeating work: fingerprints of stored
/// content and each active session's last prompt. It is only a cache: losing it costs time, never
/// correctness, because the database is always asked when the cache does not know.
struct WriterMemory {
    /// Fingerprint to blob id for content already stored.
    var known: [ContentHash: Int64] = [:]
    /// Recent prompts by session.
    var histories = RecentHistories()
    /// Price-table matches by model name.
    var prices = PriceMemo()
    /// Whether the database holds blobs keyed by all 16 bytes of their fingerprint from before
    /// keys were shortened (see `BlobWriter`); nil until asked.
    var hasWholeKeys: Bool?
    /// Fingerprints of metadata call parts seen once and kept in their row (see
    /// `BlobWriter.blobIfRepeated`).
    var seenOnce: Set<ContentHash> = []

    /// How many call parts seen once to remember before starting over (about 40 bytes each): a
    /// repeated part comes back within a few calls, while a client whose every call is unique
    /// would otherwise fill the memory a collector keeps under 100 MB.
    static let seenOnceLimit = 10_000

    /// How many fingerprints to remember before starting over; about 40 bytes each.
    static let knownLimit = 500_000
}
