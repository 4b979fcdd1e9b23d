import Foundation
import GRDB
import Testing
import TurnscopeModel
import TurnscopeStore

/// OpenTelemetry span ids (lowercase hex) are kept as the bytes they spell; every reader still
/// sees each id exactly as the client sent it, and a database that kept them as text is converted
/// when a newer Turnscope opens it.
@Suite struct SpanIdKeyTests {
    /// A trace of an agent step under a root, a chat call and a tool under the step, with ids as
    /// spans and other clients name them.
    static let ids = (root: "9f3a0c11d2e4b5a6", call: "0000aa11bb22cc33", tool: "ABCDEF0123456789", odd: "abc", uuid: "3f2b8c1e-0d4a-4b6e-9c7f-1a2b3c4d5e6f")

    static func records() -> [TurnscopeModel.Record] {
        [
            .trace(TraceRecord(id: "4bf92f3577b34da6a3ce929d0e0e4736", name: "agent.run", sessionId: "s1", timestamp: Fixture.time(0))),
            .observation(ObservationRecord(id: ids.root, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", kind: .chain, name: "agent.run", startTime: Fixture.time(0))),
            .observation(
                ObservationRecord(
                    id: ids.call, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", parentId: ids.root, kind: .generation,
                    name: "chat", startTime: Fixture.time(1), model: "gpt-4o",
                    input: .messages([.text(.user, "Where is the quarterly ledger?")]), output: .messages([.text(.assistant, "In the vault.")]))),
            .observation(ObservationRecord(id: ids.tool, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", parentId: ids.call, kind: .tool, name: "open_vault", startTime: Fixture.time(2))),
            .observation(ObservationRecord(id: ids.odd, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", parentId: ids.root, kind: .span, startTime: Fixture.time(3))),
            .observation(ObservationRecord(id: ids.uuid, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", parentId: ids.tool, kind: .span, startTime: Fixture.time(4))),
        ]
    }

    static func expectEveryIdReadsBack(_ store: TraceStore) throws {
        let tree = try store.observationTree(traceId: "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(tree.map(\.id) == [ids.root, ids.call, ids.tool, ids.uuid, ids.odd])
        #expect(tree.map(\.parentId) == [nil, ids.root, ids.call, ids.tool, ids.root])
        #expect(tree.map(\.depth) == [0, 1, 2, 3, 1])
        let turn = try #require(try store.turn(id: ids.call))
        #expect(turn.summary.id == ids.call)
        #expect(turn.children.map(\.id) == [ids.tool])
        #expect(try store.search("quarterly ledger").items.map(\.observationId) == [ids.call])
        #expect(try store.turns(inSession: "s1").items.map(\.id) == [ids.call])
        #expect(try store.mirrorMarks(observations: [ids.call, ids.root]).isEmpty)
    }

    @Test func spanIdsReadBackExactlyWhereverTheyAreShown() throws {
        let db = try TemporaryStore()
        try db.store.write(Self.records(), client: "otlp")
        try Self.expectEveryIdReadsBack(db.store)
        var exported: [String] = []
        try db.store.export { if case .observation(let observation) = $0 { exported.append(observation.id) } }
        #expect(Set(exported) == [Self.ids.root, Self.ids.call, Self.ids.tool, Self.ids.odd, Self.ids.uuid])
    }

    @Test func aSpanSentAgainIsTheSameRow() throws {
        let db = try TemporaryStore()
        try db.store.write(Self.records(), client: "otlp")
        try db.store.write(Self.records(), client: "otlp")
        var count = 0
        try db.store.export { if case .observation = $0 { count += 1 } }
        #expect(count == 5)
    }

    @Test func aDatabaseThatKeptSpanIdsAsTextIsConvertedWhenOpened() throws {
        let db = try TemporaryStore()
        try db.store.write(Self.records(), client: "otlp")
        // The file as versions before v11 left it: every key as text.
        let older = try DatabaseQueue(path: db.path)
        try older.write { sql in
            try sql.execute(
                sql: """
                    UPDATE observations SET key = lower(hex(key)) WHERE typeof(key) = 'blob';
                    UPDATE observations SET parent_key = lower(hex(parent_key)) WHERE typeof(parent_key) = 'blob';
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v11:%';
                    """)
            #expect(try Int.fetchOne(sql, sql: "SELECT count(*) FROM observations WHERE typeof(key) = 'blob'") == 0)
        }
        try older.close()
        let reopened = try TraceStore(path: db.path)
        try Self.expectEveryIdReadsBack(reopened)
        // Sent again after the upgrade, the spans merge into their rows instead of doubling.
        try reopened.write(Self.records(), client: "otlp")
        var count = 0
        try reopened.export { if case .observation = $0 { count += 1 } }
        #expect(count == 5)
    }
}
