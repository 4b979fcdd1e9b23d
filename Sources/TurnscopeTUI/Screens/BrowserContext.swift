import TurnscopeModel
import TurnscopeStore

/// What every screen may use: the store, the look, the clock, the size of the content area, and
/// the browser-wide filter and search.
public final class BrowserContext {
    /// The database, read side.
    public let store: TraceStore
    public var theme: Theme
    /// "Now" for ages such as `5m`; fixed in tests so screens are reproducible.
    public var now: Timestamp
    /// The content area's size, for page sizes (rows shown).
    public var contentSize: (width: Int, height: Int) = (80, 22)
    /// The active filter, applied to every list.
    public var filter: BrowseFilter = BrowseFilter()
    /// The last search and where in its hits the user is.
    public var search: SearchState?
    /// Where the embedded collector listens, or why it does not.
    public var collectorStatus: String?
    /// Whether this process mirrors to Langfuse; nil leaves the mirror out of the header.
    public var mirror: MirrorDisplay?
    /// The mirror's state for the header (`mirror off`, `⇡ host · 3 pending`), kept current by the
    /// browser as the store changes.
    public var mirrorStatus: String?

    public init(store: TraceStore, theme: Theme = Theme(), now: Timestamp = .now) {
        self.store = store
        self.theme = theme
        self.now = now
    }
}

/// A search and the user's place among its hits.
public struct SearchState: Sendable {
    /// The words searched for, as typed.
    public var query: String
    /// The hits, best first.
    public var hits: [SearchHit]
    /// The hit last opened.
    public var index: Int

    public init(query: String, hits: [SearchHit], index: Int = 0) {
        self.query = query
        self.hits = hits
        self.index = index
    }

    /// The words to highlight in text (lowercased, quotes and operators dropped).
    public var terms: [String] {
        query.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" && $0 != "-" && $0 != "." })
            .map(String.init).filter { !$0.isEmpty }
    }
}
