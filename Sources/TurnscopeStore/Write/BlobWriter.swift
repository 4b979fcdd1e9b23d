import Foundation
import GRDB
import TurnscopeModel

/// Stores payloads content-addressed: each distinct message or JSON value once, with its
/// searchable text indexed once, and hands back the column bytes that reference them.
///
/// It runs inside the writer's transaction. New fingerprints are remembered in `added` so the
/// caller can forget them again if the transaction rolls back.
struct BlobWriter {
    let db: Database
    /// What is known to be stored already, shared across transactions.
    var memory: WriterMemory
    /// Compresses new content (one per transaction: zlib's set-up costs more than a message).
    private let deflater = BlobBody.deflater()
    /// Fingerprints this transaction stored.
    private(set) var added: [ContentHash] = []
    /// Bytes of content this transaction stored.
    private(set) var storedBytes = 0
    /// Text to index, written last: FTS5 flushes its pending index data whenever a later statement
    /// opens a savepoint, so indexing after every other statement keeps the flush to one per commit.
    private var pendingText: [(Int64, String)] = []
    /// Content whose short key another blob holds: it is stored under its whole fingerprint.
    private var shortKeyTaken: Set<ContentHash> = []

    init(db: Database, memory: WriterMemory) {
        self.db = db
        self.memory = memory
    }

    /// Stores a payload's content and returns the bytes for its column.
    ///
    /// - Parameters:
    ///   - session: for a prompt, the session it belongs to, so the prefix it shares with the
    ///     session's previous prompt is recognised without fingerprinting it again.
    ///   - remember: whether this prompt becomes the session's previous prompt for the next one.
    ///   - searchable: whether a new JSON value's text goes into the full-text index.
    mutating func column(
        for payload: Payload, observation: Int64?, trace: Int64?, session: Int64? = nil, remember: Bool = true,
        searchable: Bool = true
    ) throws -> Data {
        switch payload {
        case .messages(let messages):
            var ids = session.map { memory.histories.knownPrefix(of: messages, session: $0) } ?? []
            ids.reserveCapacity(messages.count)
            for message in messages[ids.count...] {
                let hash = ContentHasher.hash(message)
                if let id = try lookup(hash, kind: .message, body: message.jsonBytes) {
                    ids.append(id)
                } else {
                    ids.append(
                        try insert(
                            hash, kind: .message, body: message.jsonBytes, text: message.searchableText,
                            observation: observation, trace: trace))
                }
            }
            if let session, remember { memory.histories.remember(messages, ids: ids, session: session) }
            return PayloadColumn.messages(ids).data
        case .json(let value):
            return PayloadColumn.json(try blob(of: value, observation: observation, trace: trace, searchable: searchable)).data
        }
    }

    /// The id of the blob holding `value`, stored now if no blob holds it yet.
    mutating func blob(of value: JSONValue, observation: Int64?, trace: Int64?, searchable: Bool = true) throws -> Int64 {
        let hash = ContentHasher.hash(value)
        if let id = try lookup(hash, kind: .json, body: value.jsonBytes) { return id }
        return try insert(
            hash, kind: .json, body: value.jsonBytes, text: searchable ? Self.searchableText(of: value) : "",
            observation: observation, trace: trace)
    }

    /// The id of the blob holding `value` when it is worth one: a value stored already, or seen
    /// once before; nil the first time, and the caller keeps the value in its row.
    ///
    /// For values that repeat across rows or not, depending on the client: an instrumentation's
    /// unmapped attributes are the same server address and settings on every call, or carry a
    /// request id that makes each call's unique. A blob of a unique value costs its row, key and
    /// index entry, about 40 bytes more than the text in its row.
    mutating func blobIfRepeated(of value: JSONValue, observation: Int64?, trace: Int64?) throws -> Int64? {
        let hash = ContentHasher.hash(value)
        if let id = memory.known[hash] { return id }
        // Not even looked up the first time: a value stored as a blob before the writer's memory
        // started (or last started over) is found the second time it is seen.
        if memory.seenOnce.count >= WriterMemory.seenOnceLimit { memory.seenOnce.removeAll(keepingCapacity: true) }
        guard memory.seenOnce.remove(hash) != nil else {
            memory.seenOnce.insert(hash)
            return nil
        }
        if let id = try lookup(hash, kind: .json, body: value.jsonBytes) { return id }
        return try insert(hash, kind: .json, body: value.jsonBytes, text: "", observation: observation, trace: trace)
    }

    /// The id of the blob holding this content, if one does.
    ///
    /// Content is keyed by the fingerprint's first 8 bytes (`ContentHash.key`), so a row found
    /// under that key is compared with the content before it is taken. Content whose short key
    /// another blob holds is keyed by all 16 bytes, as is everything a database stored before keys
    /// were shortened: only then is the whole key looked up too, so content never seen before
    /// costs one index probe.
    ///
    /// - Parameter body: the content's bytes, produced only to compare with a row found.
    private mutating func lookup(_ hash: ContentHash, kind: BlobBody.Kind, body: @autoclosure () -> [UInt8]) throws -> Int64? {
        if let id = memory.known[hash] { return id }
        let byKey = try db.cachedStatement(sql: "SELECT id, kind, body FROM blobs WHERE hash = ?")
        let found = try byKey.first(db, [.blob(Data(hash.key))]) { ($0.int64(0), $0.int64(1), $0.dataOrNil(2) ?? Data()) }
        if let (id, storedKind, stored) = found {
            if let blob = BlobBody.decode(kind: storedKind, body: stored), blob.kind == kind, blob.bytes.elementsEqual(body()) {
                memory.known[hash] = id
                return id
            }
            shortKeyTaken.insert(hash)
        } else if try !hasWholeKeys() {
            return nil
        }
        let byWholeKey = try db.cachedStatement(sql: "SELECT id FROM blobs WHERE hash = ?")
        guard let id = try byWholeKey.first(db, [.blob(Data(hash.bytes))], { $0.int64(0) }) else { return nil }
        memory.known[hash] = id
        return id
    }

    /// Whether the database was written before keys were shortened: its first blob then has a
    /// 16-byte key (asked once, then remembered with the writer's memory).
    private mutating func hasWholeKeys() throws -> Bool {
        if let known = memory.hasWholeKeys { return known }
        let first = try db.cachedStatement(sql: "SELECT length(hash) FROM blobs ORDER BY id LIMIT 1")
        let answer = try first.first(db, []) { $0.int64(0) == 16 } ?? false
        memory.hasWholeKeys = answer
        return answer
    }

    private mutating func insert(
        _ hash: ContentHash, kind: BlobBody.Kind, body: [UInt8], text: String, observation: Int64?, trace: Int64?
    ) throws -> Int64 {
        let insert = try db.cachedStatement(
            sql: "INSERT INTO blobs (hash, kind, body, first_observation_id, first_trace_id) VALUES (?, ?, ?, ?, ?)")
        let stored = BlobBody.encode(kind, body, with: deflater)
        let key = shortKeyTaken.contains(hash) ? hash.bytes : hash.key
        // The trace only for a blob without an observation: search finds a blob's trace through
        // its observation, so naming both cost 3 bytes a blob.
        let firstTrace = observation == nil ? trace : nil
        try insert.run(db, [.blob(Data(key)), .integer(stored.kind), .blob(stored.body), SQLValue(observation), SQLValue(firstTrace)])
        let id = db.lastInsertedRowID
        if !text.isEmpty { pendingText.append((id, text)) }
        memory.known[hash] = id
        added.append(hash)
        storedBytes += body.count
        return id
    }

    /// Adds the text of every blob stored in this transaction to the full-text index.
    mutating func indexPendingText() throws {
        let index = try db.cachedStatement(sql: "INSERT INTO blob_text (rowid, text) VALUES (?, ?)")
        for (id, text) in pendingText { try index.run(db, [.integer(id), .text(text)]) }
        pendingText.removeAll()
    }

    /// The string leaves of a JSON value, for the full-text index.
    static func searchableText(of value: JSONValue) -> String {
        var pieces: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let string): pieces.append(string)
            case .array(let elements): elements.forEach(walk)
            case .object(let members): for key in members.keys.sorted() { walk(members[key]!) }
            default: break
            }
        }
        walk(value)
        return pieces.joined(separator: "\n")
    }
}
