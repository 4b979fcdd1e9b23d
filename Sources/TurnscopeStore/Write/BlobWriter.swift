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
    /// Fingerprints known to be stored, shared across transactions.
    var known: [ContentHash: Int64]
    /// Fingerprints this transaction stored.
    private(set) var added: [ContentHash] = []
    /// Blobs this transaction stored, by id, with their kind (for the cost of a cold cache).
    private(set) var storedBytes = 0

    init(db: Database, known: [ContentHash: Int64]) {
        self.db = db
        self.known = known
    }

    enum Kind: Int64 {
        case message = 1
        case json = 2
    }

    /// Stores a payload's content and returns the bytes for its column.
    mutating func column(
        for payload: Payload, observation: Int64?, trace: Int64?
    ) throws -> Data {
        switch payload {
        case .messages(let messages):
            var ids: [Int64] = []
            ids.reserveCapacity(messages.count)
            for message in messages {
                let hash = ContentHasher.hash(message)
                if let id = try lookup(hash) {
                    ids.append(id)
                } else {
                    ids.append(
                        try insert(
                            hash, kind: .message, body: message.json.jsonBytes, text: message.searchableText,
                            observation: observation, trace: trace))
                }
            }
            return PayloadColumn.messages(ids).data
        case .json(let value):
            let hash = ContentHasher.hash(value)
            if let id = try lookup(hash) { return PayloadColumn.json(id).data }
            let id = try insert(
                hash, kind: .json, body: value.jsonBytes, text: Self.searchableText(of: value),
                observation: observation, trace: trace)
            return PayloadColumn.json(id).data
        }
    }

    private mutating func lookup(_ hash: ContentHash) throws -> Int64? {
        if let id = known[hash] { return id }
        let statement = try db.cachedStatement(sql: "SELECT id FROM blobs WHERE hash = ?")
        guard let id = try Int64.fetchOne(statement, arguments: [Data(hash.bytes)]) else { return nil }
        known[hash] = id
        return id
    }

    private mutating func insert(
        _ hash: ContentHash, kind: Kind, body: [UInt8], text: String, observation: Int64?, trace: Int64?
    ) throws -> Int64 {
        let insert = try db.cachedStatement(
            sql: "INSERT INTO blobs (hash, kind, body, first_observation_id, first_trace_id) VALUES (?, ?, ?, ?, ?)")
        try insert.execute(arguments: [Data(hash.bytes), kind.rawValue, Data(body), observation, trace])
        let id = db.lastInsertedRowID
        if !text.isEmpty {
            let index = try db.cachedStatement(sql: "INSERT INTO blob_text (rowid, text) VALUES (?, ?)")
            try index.execute(arguments: [id, text])
        }
        known[hash] = id
        added.append(hash)
        storedBytes += body.count
        return id
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
