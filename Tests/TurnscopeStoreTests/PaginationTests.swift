import Testing
import TurnscopeModel
import TurnscopeStore

@Suite struct PaginationTests {
    @Test func sessionPagesStayStableWhileNewSessionsArrive() throws {
        let db = try TemporaryStore()
        for index in 0..<25 {
            try db.store.write(Fixture.agentSession("old\(index)", turns: 1, at: Double(index) * 100))
        }
        let first = try db.store.sessions(limit: 10)
        // Newer sessions land between pages: they must not shift or repeat what the next page shows.
        for index in 0..<5 {
            try db.store.write(Fixture.agentSession("new\(index)", turns: 1, at: 10_000 + Double(index)))
        }
        var ids = first.items.map(\.id)
        var cursor = first.next
        while let next = cursor {
            let page = try db.store.sessions(after: next, limit: 10)
            ids += page.items.map(\.id)
            cursor = page.next
        }
        #expect(ids == (0..<25).reversed().map { "old\($0)" })
    }

    @Test func turnPagesNumberTurnsAcrossPages() throws {
        let db = try TemporaryStore()
        try db.store.write(Fixture.agentSession("s1", turns: 23))
        var numbers: [Int] = []
        var page = try db.store.turns(inSession: "s1", limit: 10)
        numbers += page.items.map(\.number)
        while let next = page.next {
            page = try db.store.turns(inSession: "s1", after: next, limit: 10)
            numbers += page.items.map(\.number)
        }
        #expect(numbers == Array(1...23))
    }

    @Test func theChangeTokenMovesOnEveryCommitAndOnlyThen() throws {
        let db = try TemporaryStore()
        let before = try db.store.changeToken()
        #expect(try db.store.changeToken() == before)
        try db.store.write(Fixture.agentSession("s1", turns: 1))
        let after = try db.store.changeToken()
        #expect(after > before)
        // A second connection (another process would be the same) sees the same token.
        let reader = try TraceStore(path: db.path, readOnly: true)
        #expect(try reader.changeToken() == after)
    }
}
