import Foundation
import GRDB
import Testing
import TurnscopeModel
import TurnscopeStore

/// Content is found by the first 8 bytes of its fingerprint, so two different messages may one
/// day share a key. A blob found under a key counts as the content only when it holds that content.
@Suite struct BlobKeyTests {
    static let question = Message.text(.user, "Why does the zeppelinfold cache miss on every second request?")
    static let answer = Message.text(.assistant, "Because its key includes the request counter.")

    static func call(_ id: String, at seconds: Double) -> TurnscopeModel.Record {
        Fixture.generation(id, trace: "t-\(id)", history: [question], reply: answer, at: seconds)
    }

    @Test func contentWhoseKeyAnotherBlobHoldsIsStoredApartAndFoundAgain() throws {
        let db = try TemporaryStore()
        try db.store.write([Self.call("g1", at: 0)])
        // Give the question's key to other content, as a shared key would: the answer's bytes.
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { sql in
            let questionId = try #require(
                try Int64.fetchOne(sql, sql: "SELECT rowid FROM blob_text WHERE blob_text MATCH 'zeppelinfold'"))
            let answerId = try #require(try Int64.fetchOne(sql, sql: "SELECT rowid FROM blob_text WHERE blob_text MATCH 'counter'"))
            try sql.execute(
                sql: "UPDATE blobs SET kind = (SELECT kind FROM blobs WHERE id = ?), body = (SELECT body FROM blobs WHERE id = ?) WHERE id = ?",
                arguments: [answerId, answerId, questionId])
        }

        // A writer that has not seen the question asks the database, finds its key holding other
        // content, and stores the question again under its whole fingerprint.
        let second = try TraceStore(path: db.path)
        #expect(try second.write([Self.call("g2", at: 10)]).newContentBytes == Self.question.jsonBytes.count)
        #expect(try second.turn(id: "g2")?.observation.input == .messages([Self.question]))
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM blobs WHERE length(hash) = 16") } == 1)

        // The next writer finds it there.
        let third = try TraceStore(path: db.path)
        #expect(try third.write([Self.call("g3", at: 20)]).newContentBytes == 0)
        #expect(try third.turn(id: "g3")?.observation.input == .messages([Self.question]))
    }

    @Test func aFreshWriterFindsContentByItsShortKey() throws {
        let db = try TemporaryStore()
        try db.store.write([Self.call("g1", at: 0)])
        let second = try TraceStore(path: db.path)
        #expect(try second.write([Self.call("g2", at: 10)]).newContentBytes == 0)
        let queue = try DatabaseQueue(path: db.path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM blobs WHERE length(hash) != 8") } == 0)
    }
}
