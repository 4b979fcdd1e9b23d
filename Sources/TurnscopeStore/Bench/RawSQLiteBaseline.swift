import Foundation
import GRDB

/// The yardstick for `turnscope bench store`: the same generations written by plain SQL, one row
/// each plus its text in an FTS5 index, with none of Turnscope's layer (no merge, no content
/// addressing, no aggregates). Comparing the two rates shows what the layer costs. Values are
/// bound the same direct way as the writer's, so the comparison measures the layer, not GRDB.
public enum RawSQLiteBaseline {
    /// One generation as a plain row.
    public struct Row: Sendable {
        public var id: String
        public var traceId: String
        public var model: String
        public var startAt: Int64
        public var endAt: Int64
        public var inputTokens: Int64
        public var outputTokens: Int64
        /// The generation's content as JSON, and its text for the index.
        public var body: String
        public var text: String

        public init(
            id: String, traceId: String, model: String, startAt: Int64, endAt: Int64, inputTokens: Int64,
            outputTokens: Int64, body: String, text: String
        ) {
            self.id = id
            self.traceId = traceId
            self.model = model
            self.startAt = startAt
            self.endAt = endAt
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.body = body
            self.text = text
        }
    }

    /// Writes `batches` into a new database at `path` (WAL, synchronous=NORMAL, one transaction
    /// per batch) and returns the seconds the writes took.
    public static func write(_ batches: [[Row]], path: String) throws -> Double {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(
                sql: """
                    CREATE TABLE generations (id INTEGER PRIMARY KEY, key TEXT UNIQUE, trace TEXT, model TEXT,
                        start_at INTEGER, end_at INTEGER, input_tokens INTEGER, output_tokens INTEGER, body BLOB);
                    CREATE VIRTUAL TABLE generations_text USING fts5 (text, content = '', detail = none);
                    """)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        for batch in batches {
            try queue.write { db in
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO generations (key, trace, model, start_at, end_at, input_tokens, output_tokens, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                let index = try db.cachedStatement(sql: "INSERT INTO generations_text (rowid, text) VALUES (?, ?)")
                for row in batch {
                    try insert.run(db, [
                        .text(row.id), .text(row.traceId), .text(row.model), .integer(row.startAt), .integer(row.endAt),
                        .integer(row.inputTokens), .integer(row.outputTokens), .blob(Data(row.body.utf8)),
                    ])
                    try index.run(db, [.integer(db.lastInsertedRowID), .text(row.text)])
                }
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
