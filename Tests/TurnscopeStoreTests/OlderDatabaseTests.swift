import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel
import TurnscopeStore

/// A database an earlier Turnscope wrote keeps reading the same and keeps its content stored once.
///
/// The fixture is the file 7b5653e's `turnscope import` made of `written-by-7b5653e.jsonl` (the
/// first 20 records of `sample-data/demo.jsonl`), vacuumed to 1 KB pages: its blobs are keyed by
/// all 16 bytes of their fingerprint and deflated without a preset dictionary, and it has the
/// covering index of summed columns that v9 drops.
@Suite struct OlderDatabaseTests {
    static func fixture(_ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "written-by-7b5653e", withExtension: ext, subdirectory: "Fixtures"))
    }

    static func records() throws -> [Record] {
        try NativeFormat.decode(lines: Data(contentsOf: fixture("jsonl"))).map { try $0.result.get() }
    }

    /// A copy of the fixture database, opened (and so migrated) by this version.
    static func olderStore() throws -> (TemporaryStore, TraceStore) {
        let scratch = try TemporaryStore()
        let path = scratch.directory.appendingPathComponent("older.db").path
        try FileManager.default.copyItem(atPath: try fixture("db").path, toPath: path)
        return (scratch, try TraceStore(path: path))
    }

    static func exported(_ store: TraceStore) throws -> [Record] {
        var records: [Record] = []
        try store.export { records.append($0) }
        return records
    }

    @Test func itReadsAsTheSameRecordsWrittenNow() throws {
        let records = try Self.records()
        #expect(records.count == 20)
        let (scratch, older) = try Self.olderStore()
        let fresh = try TemporaryStore()
        try fresh.store.write(records)
        let before = try Self.exported(older)
        #expect(before.count == records.count)
        #expect(before == (try Self.exported(fresh.store)))
        _ = scratch
    }

    @Test func itsSearchFindsWhatANewDatabaseFinds() throws {
        let (scratch, older) = try Self.olderStore()
        let fresh = try TemporaryStore()
        try fresh.store.write(try Self.records())
        for words in ["SessionStore", "refresh tokens Redis", "PyJWT"] {
            let found = try older.search(words).items
            #expect(!found.isEmpty, "\(words)")
            #expect(found.map(\.observationId) == (try fresh.store.search(words).items.map(\.observationId)))
        }
        _ = scratch
    }

    @Test func writingItsRecordsAgainStoresNoMessageTwice() throws {
        let records = try Self.records()
        let (scratch, older) = try Self.olderStore()
        let bytes = try older.checkpointAndMeasure()
        // The older version kept request parameters as text in their rows: written again, each
        // distinct set becomes a blob, once. No message or other content is stored again.
        let parameters = Set(records.compactMap { $0.observation?.modelParameters.map { JSONValue.object($0).jsonBytes } })
        #expect(!parameters.isEmpty)
        #expect(try older.write(records).newContentBytes == parameters.reduce(0) { $0 + $1.count })
        #expect(try older.write(records).newContentBytes == 0)
        // A new turn resending the session's history stores only its new message.
        guard case .observation(var turn)? = records.last(where: { $0.observation?.input?.messages != nil }).map({ $0 }),
            let history = turn.input?.messages
        else {
            Issue.record("fixture changed")
            return
        }
        turn.id += "-again"
        let question = Message.text(.user, "And once more, with the tests?")
        turn.input = .messages(history + [question])
        #expect(try older.write([.observation(turn)]).newContentBytes == question.jsonBytes.count)
        #expect(try older.checkpointAndMeasure() <= bytes + 8 * 1024)
        _ = scratch
    }
}

extension Record {
    fileprivate var observation: ObservationRecord? {
        if case .observation(let observation) = self { observation } else { nil }
    }
}
