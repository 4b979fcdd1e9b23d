import Foundation

/// Finds the price entry for a model name as traces spell it. Built once per table; immutable, so
/// it is `Sendable` without locks, and a lookup is a few dictionary probes plus a scan of the
/// handful of entries that share a reduced name.
///
/// Order of attempts, first hit wins:
/// 1. the exact key, ignoring case;
/// 2. entries whose reduced name (`ModelName.canonical`) equals the query's;
/// 3. entries whose reduced name without its date (`ModelName.undated`) equals the query's, so a
///    dated name finds the undated key and an undated name finds a dated key. A `-latest` alias
///    skips step 2 and comes straight here.
///
/// Among several entries in step 2 or 3, the best is, in order: one whose provider a hint in the
/// query names (`vertex_ai/…` or an `@` date prefers the Vertex entry, whose long-context prices
/// differ); one whose key the query ends with after a `/` (`bedrock/us.anthropic.…` prefers
/// `us.anthropic.…`); a key without a `/` path (first-party and cloud keys, not resellers'); in
/// step 3 an undated key, else the latest date; the shortest key; the key in byte order, so the
/// choice is stable.
struct PriceIndex: Sendable {
    /// What the ranking needs to know about an entry, computed once.
    private struct Candidate: Sendable {
        var price: ModelPrice
        var lowerKey: String
        var family: String
        var firstSegment: String?
        var date: String?
    }

    private let candidates: [Candidate]
    private let exact: [String: Int]
    private let byCanonical: [String: [Int]]
    private let byUndated: [String: [Int]]

    /// An index of `prices`, whose keys must be unique ignoring case.
    init(_ prices: [ModelPrice]) {
        var candidates: [Candidate] = []
        var exact: [String: Int] = [:]
        var byCanonical: [String: [Int]] = [:]
        var byUndated: [String: [Int]] = [:]
        candidates.reserveCapacity(prices.count)
        exact.reserveCapacity(prices.count)
        for price in prices {
            let lower = price.key.lowercased()
            let canonical = ModelName.canonical(price.key)
            let (undated, date) = ModelName.undated(canonical)
            let slash = lower.firstIndex(of: "/")
            let index = candidates.count
            candidates.append(
                Candidate(
                    price: price, lowerKey: lower, family: ModelName.providerFamily(price.provider),
                    firstSegment: slash.map { String(lower[..<$0]) }, date: date))
            exact[lower] = index
            guard !canonical.isEmpty else { continue }
            byCanonical[canonical, default: []].append(index)
            if !undated.isEmpty { byUndated[undated, default: []].append(index) }
        }
        self.candidates = candidates
        self.exact = exact
        self.byCanonical = byCanonical
        self.byUndated = byUndated
    }

    /// The entry whose key is `key`, ignoring case.
    func entry(key: String) -> ModelPrice? {
        exact[key.lowercased()].map { candidates[$0].price }
    }

    /// The entry for `name`, or nil when no entry prices that model.
    func match(_ name: String) -> ModelPrice? {
        let query = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let index = exact[query] { return candidates[index].price }
        let canonical = ModelName.canonical(query)
        guard !canonical.isEmpty else { return nil }
        let hints = ModelName.hints(query)
        let (undated, date) = ModelName.undated(canonical)
        // `…-latest` is an alias of the newest release: when its exact key is missing, the release's
        // own entries (step 3) are a better match than a reseller's copy of the alias.
        let isAlias = date == nil && undated != canonical
        if !isAlias, let indices = byCanonical[canonical],
            let best = best(indices, query: query, hints: hints, byDate: false)
        {
            return best
        }
        if !undated.isEmpty, let indices = byUndated[undated],
            let best = best(indices, query: query, hints: hints, byDate: true)
        {
            return best
        }
        return nil
    }

    private func best(_ indices: [Int], query: String, hints: [String], byDate: Bool) -> ModelPrice? {
        var bestIndex: Int?
        for index in indices where bestIndex.map({ isBetter(index, than: $0, query, hints, byDate) }) ?? true {
            bestIndex = index
        }
        return bestIndex.map { candidates[$0].price }
    }

    /// Whether candidate `a` ranks above candidate `b` for this query (see the type's comment).
    private func isBetter(_ a: Int, than b: Int, _ query: String, _ hints: [String], _ byDate: Bool) -> Bool {
        let lhs = candidates[a]
        let rhs = candidates[b]
        if !hints.isEmpty {
            let (l, r) = (named(by: hints, lhs), named(by: hints, rhs))
            if l != r { return l }
        }
        let (lEnds, rEnds) = (ends(query, with: lhs.lowerKey), ends(query, with: rhs.lowerKey))
        if lEnds != rEnds { return lEnds }
        // Keys without a path are the first party's or a cloud's own (`claude-…`, `anthropic.…`,
        // `gemini-…`); keys with one are mostly resellers (`deepinfra/…`, `gmi/…`), some marked up.
        let (lPlain, rPlain) = (lhs.firstSegment == nil, rhs.firstSegment == nil)
        if lPlain != rPlain { return lPlain }
        if byDate, lhs.date != rhs.date {
            // An undated key (the provider's current alias) first, then the latest release.
            guard let lDate = lhs.date else { return true }
            guard let rDate = rhs.date else { return false }
            return lDate > rDate
        }
        if lhs.lowerKey.utf8.count != rhs.lowerKey.utf8.count { return lhs.lowerKey.utf8.count < rhs.lowerKey.utf8.count }
        return lhs.price.key < rhs.price.key
    }

    private func named(by hints: [String], _ candidate: Candidate) -> Bool {
        hints.contains { $0 == candidate.family || $0 == candidate.firstSegment }
    }

    /// Whether `query` is `key` or ends with `/key`.
    private func ends(_ query: String, with key: String) -> Bool {
        query == key || (query.hasSuffix(key) && query.dropLast(key.count).hasSuffix("/"))
    }
}
