import Foundation
import GRDB
import Testing
import TurnscopeModel
import TurnscopeStore

/// A database written before the usage aggregate existed gets it, summed from its calls, when a
/// newer Turnscope opens it.
@Suite struct UsageAggregateMigrationTests {
    @Test func aDatabaseFromBeforeTheAggregateIsSummedWhenOpened() throws {
        let db = try TemporaryStore()
        try db.store.write(UsageAggregateTests.base)
        for scenario in [UsageAggregateTests.Scenario.twinFolded, .lateUsage] {
            for (_, records, client) in scenario.steps { try db.store.write(records, client: client) }
        }
        // The file as the version before the aggregate left it.
        let older = try DatabaseQueue(path: db.path)
        try older.write { sql in
            try sql.execute(sql: "DROP TABLE usage_by_day; DELETE FROM grdb_migrations WHERE identifier LIKE 'v7:%'")
        }
        try older.close()
        let reopened = try TraceStore(path: db.path)
        #expect(try reopened.usageTotals().calls == 8)
        try UsageAggregateTests.expectAggregateEqualsCalls(reopened, after: "the migration")
    }
}
