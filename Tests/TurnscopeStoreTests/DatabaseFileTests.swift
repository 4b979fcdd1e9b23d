import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

@Suite struct DatabaseFileTests {
    @Test func theFileIsCreatedReadableByItsOwnerOnly() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 1))
        let attributes = try FileManager.default.attributesOfItem(atPath: db.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let wal = try FileManager.default.attributesOfItem(atPath: db.path + "-wal")
        #expect((wal[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    /// The writer no longer checkpoints inside its commits; the log must still reach the file.
    @Test func theWriteAheadLogIsCopiedIntoTheFileWhileWritesGoOn() throws {
        let db = try TemporaryStore()
        func mainFileBytes() -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: db.path)[.size]) as? NSNumber)?.intValue ?? 0
        }
        let before = mainFileBytes()
        var random = SystemRandomNumberGenerator()
        for batch in 0..<24 {
            let records: [Record] = (0..<40).map { index in
                // Incompressible text, so each observation adds about 8 KB to the log.
                let text = (0..<1_000).map { _ in String(random.next() as UInt64, radix: 36) }.joined(separator: " ")
                return .observation(
                    ObservationRecord(
                        id: "o-\(batch)-\(index)", traceId: "t-\(batch)", kind: .span, startTime: Fixture.time(Double(batch)),
                        input: .json(.string(text))))
            }
            try db.store.write(records)
        }
        let deadline = Date().addingTimeInterval(30)
        while mainFileBytes() < before + 4_000_000, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(mainFileBytes() >= before + 4_000_000, "the database file stayed at \(mainFileBytes()) bytes")
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithItsPath() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString)").path
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try TraceStore(path: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("not a Turnscope database")
        }
    }

    @Test func readOnlyOpeningOfAMissingFileFailsWithoutCreatingIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString).db").path
        #expect(throws: StoreError.self) { _ = try TraceStore(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theDefaultLocationFollowsTheEnvironment() {
        #expect(DatabaseLocation.defaultPath(environment: ["TURNSCOPE_DB": "/x/y.db", "HOME": "/h"]) == "/x/y.db")
        #expect(DatabaseLocation.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/h"]) == "/data/turnscope/turnscope.db")
        #expect(DatabaseLocation.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/turnscope/turnscope.db")
        #expect(DatabaseLocation.defaultPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]) == "/h/.local/share/turnscope/turnscope.db")
    }
}
