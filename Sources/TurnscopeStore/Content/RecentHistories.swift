import TurnscopeModel

/// The last prompt seen in each recently active session, with the blob id of each message.
///
/// An agent's next prompt is its previous prompt plus a few messages. Matching that prefix by
/// comparing bytes (memcmp speed) and reusing its ids means only the new messages are fingerprinted
/// and looked up, so the cost of a turn follows its new content, not the length of the history.
struct RecentHistories {
    private struct Entry {
        var messages: [Message]
        var ids: [Int64]
        var lastUse: Int
    }

    private var entries: [Int64: Entry] = [:]
    private var clock = 0
    /// Sessions remembered at once; the least recently used is forgotten first.
    let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    /// The ids of the longest prefix of `messages` that the session's last prompt also started with.
    mutating func knownPrefix(of messages: [Message], session: Int64) -> [Int64] {
        // Updated in place through the index: copying the entry out and back retained and released
        // its arrays, and hashed the key twice, for every prompt.
        guard let index = entries.index(forKey: session) else { return [] }
        clock += 1
        entries.values[index].lastUse = clock
        let known = entries.values[index].messages
        let limit = min(messages.count, known.count)
        var length = 0
        while length < limit, ContentIdentity.same(messages[length], known[length]) { length += 1 }
        return Array(entries.values[index].ids[0..<length])
    }

    /// Remembers a session's latest prompt.
    mutating func remember(_ messages: [Message], ids: [Int64], session: Int64) {
        clock += 1
        entries[session] = Entry(messages: messages, ids: ids, lastUse: clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
    }

    /// Forgets everything (after a rolled-back transaction, whose ids may not exist).
    mutating func removeAll() { entries.removeAll() }
}
