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
        var bytes: Int
    }

    private var entries: [Int64: Entry] = [:]
    private var clock = 0
    private var bytes = 0
    /// Sessions remembered at once; the least recently used is forgotten first.
    let capacity: Int
    /// The text they may hold together. A prompt holds its whole history, tool results included:
    /// an import of hundreds of finished coding sessions would otherwise keep every one of them
    /// alive after its file was read.
    let byteBudget: Int

    init(capacity: Int = 256, byteBudget: Int = 24 << 20) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

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
        let size = messages.reduce(0) { $0 + Self.approximateBytes(of: $1) }
        if let old = entries.updateValue(Entry(messages: messages, ids: ids, lastUse: clock, bytes: size), forKey: session) {
            bytes -= old.bytes
        }
        bytes += size
        while entries.count > capacity || (bytes > byteBudget && entries.count > 1) {
            guard let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key else { break }
            bytes -= entries.removeValue(forKey: oldest)?.bytes ?? 0
        }
    }

    /// Forgets everything (after a rolled-back transaction, whose ids may not exist).
    mutating func removeAll() {
        entries.removeAll()
        bytes = 0
    }

    /// The text a message holds, roughly (UTF-8 counts of native strings cost nothing).
    private static func approximateBytes(of message: Message) -> Int {
        message.parts.reduce(64) { total, part in
            switch part {
            case .text(let text), .reasoning(let text, _): total + text.utf8.count
            case .toolResult(let result): total + result.content.utf8.count
            case .toolCall(let call): total + 64 + (call.arguments.stringValue?.utf8.count ?? 256)
            case .image(let url, _): total + url.utf8.count
            case .other: total + 256
            }
        }
    }
}
