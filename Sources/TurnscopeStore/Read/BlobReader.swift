import Foundation
import GRDB
import TurnscopeModel

/// Turns payload columns back into payloads, decoding each stored message once per reader even
/// when hundreds of turns reference it.
struct BlobReader {
    let db: Database
    private var messages: [Int64: Message] = [:]
    private var values: [Int64: JSONValue] = [:]

    init(db: Database) { self.db = db }

    /// Decoded blobs kept from one reader to the next (the mirror's drainer reads the same
    /// sessions' history round after round). Blobs never change once stored, so it never goes stale.
    struct Memo {
        var messages: [Int64: Message] = [:]
        var values: [Int64: JSONValue] = [:]
        var count: Int { messages.count + values.count }
    }

    /// A reader starting from what earlier readers decoded.
    init(db: Database, memo: Memo) {
        self.db = db
        messages = memo.messages
        values = memo.values
    }

    /// What this reader decoded, for the next one.
    var memo: Memo { Memo(messages: messages, values: values) }

    /// The payload a column references; `droppingMessages` leaves out (and never reads) that
    /// many leading messages.
    mutating func payload(_ column: Data?, droppingMessages dropped: Int = 0) throws -> Payload? {
        guard let column, let decoded = PayloadColumn(data: column) else { return nil }
        switch decoded {
        case .messages(let all):
            let ids = all.dropFirst(dropped)
            try load(ids.filter { messages[$0] == nil })
            return .messages(ids.compactMap { messages[$0] })
        case .json(let id):
            return try value(id).map(Payload.json)
        case .metadata(let process, let call):
            // The two parts never share a key; were one to, the call's would be the closer.
            var parts: [[String: JSONValue]] = []
            for id in [process, call].compactMap({ $0 }) {
                if let part = try value(id)?.objectValue { parts.append(part) }
            }
            guard !parts.isEmpty else { return nil }
            return .json(.object(parts.reduce(into: [:]) { whole, part in whole.merge(part) { _, call in call } }))
        }
    }

    /// The JSON value blob `id` holds.
    mutating func value(_ id: Int64) throws -> JSONValue? {
        if values[id] == nil { try load([id]) }
        return values[id]
    }

    /// The message blob ids a column references, without decoding anything.
    static func messageIds(_ column: Data?) -> [Int64] {
        guard let column, case .messages(let ids)? = PayloadColumn(data: column) else { return [] }
        return ids
    }

    /// The first `count` messages a column references.
    mutating func leadingMessages(_ column: Data?, count: Int) throws -> [Message] {
        let ids = Self.messageIds(column).prefix(count)
        try load(ids.filter { messages[$0] == nil })
        return ids.compactMap { messages[$0] }
    }

    private mutating func load(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        // One cached statement run per id: an `IN (…)` list of varying length had to be compiled
        // for every call, and compiling (GRDB authorizes each column) cost more than the reads.
        let statement = try db.cachedStatement(sql: "SELECT kind, body FROM blobs WHERE id = ?")
        for id in Set(ids) {
            guard let row = try Row.fetchOne(statement, arguments: [id]),
                let (kind, body) = BlobBody.decode(kind: row[0], body: row[1])
            else { continue }
            let value = (try? JSONText.parse(body)) ?? .null
            if kind == .message {
                messages[id] = (try? Message(json: value, path: "")) ?? Message(role: "unknown", parts: [.other(value)])
            } else {
                values[id] = value
            }
        }
    }
}
