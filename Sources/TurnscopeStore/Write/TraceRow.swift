import Foundation
import GRDB

/// A `traces` row as the writer merges it.
struct TraceRow {
    var id: Int64
    var key: String
    var sessionId: Int64
    var sessionKey: String?
    var name: String?
    var userId: String?
    var startAt: Int64?
    /// Whether `startAt` is a stand-in (the event time) until a record reports the real start.
    var startEstimated = false
    var tags: String?
    var metadata: String?
    var input: Data?
    var output: Data?
    var release: String?
    var version: String?
    var environment: String?
    var isPublic: Bool?
    var eventAt: Int64?

    static let columns = """
        id, key, session_id, session_key, name, user_id, start_at, start_estimated, tags, metadata, input, output, release, \
        version, environment, is_public, event_at
        """

    init(id: Int64, key: String, sessionId: Int64) {
        self.id = id
        self.key = key
        self.sessionId = sessionId
    }

    init(row: Row) {
        id = row[0]
        key = row[1]
        sessionId = row[2]
        sessionKey = row[3]
        name = row[4]
        userId = row[5]
        startAt = row[6]
        startEstimated = row[7]
        tags = row[8]
        metadata = row[9]
        input = row[10]
        output = row[11]
        release = row[12]
        version = row[13]
        environment = row[14]
        isPublic = row[15]
        eventAt = row[16]
    }

    /// The row with this key, read straight from SQLite (the writer asks this for every trace).
    static func fetch(_ db: Database, key: String) throws -> TraceRow? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM traces WHERE key = ?")
        return try statement.first(db, [.text(key)], TraceRow.init(columns:))
    }

    /// The row `SELECT \(columns)` is positioned on.
    init(columns c: SQLColumns) {
        id = c.int64(0)
        key = c.text(1)
        sessionId = c.int64(2)
        sessionKey = c.textOrNil(3)
        name = c.textOrNil(4)
        userId = c.textOrNil(5)
        startAt = c.int64OrNil(6)
        startEstimated = c.boolOrNil(7) ?? false
        tags = c.textOrNil(8)
        metadata = c.textOrNil(9)
        input = c.dataOrNil(10)
        output = c.dataOrNil(11)
        release = c.textOrNil(12)
        version = c.textOrNil(13)
        environment = c.textOrNil(14)
        isPublic = c.boolOrNil(15)
        eventAt = c.int64OrNil(16)
    }

    private static let insertSQL = SQLText.insert(into: "traces", columns: columns)
    private static let updateSQL = SQLText.update("traces", columns: columns)

    /// Writes the row: an INSERT when it is new, else an UPDATE (see `ObservationRow.save`).
    func save(_ db: Database, changeSeq: Int64, isNew: Bool) throws {
        let statement = try db.cachedStatement(sql: isNew ? Self.insertSQL : Self.updateSQL)
        let values: [SQLValue] = [
            .text(key), .integer(sessionId), SQLValue(sessionKey), SQLValue(name), SQLValue(userId), SQLValue(startAt),
            .integer(startEstimated ? 1 : 0), SQLValue(tags), SQLValue(metadata), SQLValue(input), SQLValue(output),
            SQLValue(release), SQLValue(version), SQLValue(environment), SQLValue(isPublic), SQLValue(eventAt),
            .integer(changeSeq),
        ]
        try statement.run(db, isNew ? [.integer(id)] + values : values + [.integer(id)])
    }
}
