import Foundation
import GRDB

/// An `observations` row as the writer merges it and the readers decode it.
struct ObservationRow {
    var id: Int64
    var key: String
    var traceId: Int64
    var sessionId: Int64
    var parentKey: String?
    var kind: String?
    var name: String?
    var startAt: Int64?
    /// Whether `startAt` is a stand-in (the event time) until a record reports the real start.
    var startEstimated = false
    var endAt: Int64?
    var firstTokenAt: Int64?
    var model: String?
    /// The request parameters, a blob reference (see JSONColumn).
    var modelParameters: JSONColumn?
    var input: Data?
    var output: Data?
    var metadata: String?
    var inputTokens: Int64?
    var outputTokens: Int64?
    var cacheReadTokens: Int64?
    var cacheWrite5mTokens: Int64?
    var cacheWrite1hTokens: Int64?
    var reasoningTokens: Int64?
    var totalTokens: Int64?
    var usageOther: String?
    var costUSD: Double?
    var costSource: String?
    var costEntry: String?
    var costDetail: String?
    var level: String?
    var statusMessage: String?
    var version: String?
    var environment: String?
    var eventAt: Int64?
    var toolCalls: Int64 = 0
    /// A payload column (a blob reference) holding the tool definitions as a JSON array.
    var tools: Data?
    /// A payload column (a blob reference) holding the metadata every span of a process repeats
    /// (see SharedMetadata); `metadata` holds the rest.
    var sharedMetadata: Data?

    /// How many columns `columns` names; joined columns follow at this index.
    static let columnCount = 36

    static let columns = """
        id, key, trace_id, session_id, parent_key, kind, name, start_at, start_estimated, end_at, first_token_at, model, \
        model_parameters, input, output, metadata, input_tokens, output_tokens, cache_read_tokens, \
        cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens, total_tokens, usage_other, cost_usd, \
        cost_source, cost_entry, cost_detail, level, status_message, version, environment, event_at, tool_calls, tools, \
        shared_metadata
        """

    init(id: Int64, key: String, traceId: Int64, sessionId: Int64) {
        self.id = id
        self.key = key
        self.traceId = traceId
        self.sessionId = sessionId
    }

    init(row: Row) {
        id = row[0]
        key = StoredKey.key(row[1]) ?? ""
        traceId = row[2]
        sessionId = row[3]
        parentKey = StoredKey.key(row[4])
        kind = row[5]
        name = row[6]
        startAt = row[7]
        startEstimated = row[8]
        endAt = row[9]
        firstTokenAt = row[10]
        model = row[11]
        modelParameters = JSONColumn(row[12] as DatabaseValue)
        input = row[13]
        output = row[14]
        metadata = row[15]
        inputTokens = row[16]
        outputTokens = row[17]
        cacheReadTokens = row[18]
        cacheWrite5mTokens = row[19]
        cacheWrite1hTokens = row[20]
        reasoningTokens = row[21]
        totalTokens = row[22]
        usageOther = row[23]
        costUSD = row[24]
        costSource = row[25]
        costEntry = row[26]
        costDetail = row[27]
        level = Self.level(stored: row[28])
        statusMessage = row[29]
        version = row[30]
        environment = row[31]
        eventAt = row[32] ?? endAt
        toolCalls = row[33]
        tools = row[34]
        sharedMetadata = row[35]
    }

    /// The row with this key, read straight from SQLite (the writer asks this for every record).
    /// - Parameter aliases: whether any alias exists (see ObservationTwin); when none does, the
    ///   second look-up is skipped: a statement per new observation slowed ingest by a fifth.
    static func fetch(_ db: Database, key: String, aliases: Bool = true) throws -> ObservationRow? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM observations WHERE key = ?")
        if let row = try statement.first(db, [StoredKey.value(key)], ObservationRow.init(columns:)) { return row }
        guard aliases else { return nil }
        // A record another source's copy of the same model call was merged into (ObservationTwin).
        let aliased = try db.cachedStatement(
            sql: "SELECT \(columns) FROM observations WHERE id = (SELECT observation_id FROM observation_aliases WHERE key = ?)")
        return try aliased.first(db, [.text(key)], ObservationRow.init(columns:))
    }

    static func fetch(_ db: Database, id: Int64) throws -> ObservationRow? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM observations WHERE id = ?")
        return try statement.first(db, [.integer(id)], ObservationRow.init(columns:))
    }

    /// The row `SELECT \(columns)` is positioned on.
    init(columns c: SQLColumns) {
        id = c.int64(0)
        key = StoredKey.key(c, 1) ?? ""
        traceId = c.int64(2)
        sessionId = c.int64(3)
        parentKey = StoredKey.key(c, 4)
        kind = c.textOrNil(5)
        name = c.textOrNil(6)
        startAt = c.int64OrNil(7)
        startEstimated = c.boolOrNil(8) ?? false
        endAt = c.int64OrNil(9)
        firstTokenAt = c.int64OrNil(10)
        model = c.textOrNil(11)
        modelParameters = JSONColumn(c, 12)
        input = c.dataOrNil(13)
        output = c.dataOrNil(14)
        metadata = c.textOrNil(15)
        inputTokens = c.int64OrNil(16)
        outputTokens = c.int64OrNil(17)
        cacheReadTokens = c.int64OrNil(18)
        cacheWrite5mTokens = c.int64OrNil(19)
        cacheWrite1hTokens = c.int64OrNil(20)
        reasoningTokens = c.int64OrNil(21)
        totalTokens = c.int64OrNil(22)
        usageOther = c.textOrNil(23)
        costUSD = c.doubleOrNil(24)
        costSource = c.textOrNil(25)
        costEntry = c.textOrNil(26)
        costDetail = c.textOrNil(27)
        level = Self.level(stored: c.textOrNil(28))
        statusMessage = c.textOrNil(29)
        version = c.textOrNil(30)
        environment = c.textOrNil(31)
        eventAt = c.int64OrNil(32) ?? endAt
        toolCalls = c.int64OrNil(33) ?? 0
        tools = c.dataOrNil(34)
        sharedMetadata = c.dataOrNil(35)
    }

    private static let insertSQL = SQLText.insert(into: "observations", columns: columns)
    private static let updateSQL = SQLText.update("observations", columns: columns)

    /// Writes the row: an INSERT when it is new, else an UPDATE of every column.
    ///
    /// Not `INSERT OR REPLACE`: a statement that may delete rows opens a statement savepoint, and
    /// SQLite then makes FTS5 flush its pending index data, once per statement.
    func save(_ db: Database, changeSeq: Int64, isNew: Bool) throws {
        let statement = try db.cachedStatement(sql: isNew ? Self.insertSQL : Self.updateSQL)
        let values: [SQLValue] = [
            StoredKey.value(key), .integer(traceId), .integer(sessionId), parentKey.map(StoredKey.value) ?? .null, SQLValue(kind), SQLValue(name),
            SQLValue(startAt), .integer(startEstimated ? 1 : 0), SQLValue(endAt), SQLValue(firstTokenAt), SQLValue(model),
            modelParameters?.sqlValue ?? .null, SQLValue(input), SQLValue(output), SQLValue(metadata), SQLValue(inputTokens),
            SQLValue(outputTokens), SQLValue(cacheReadTokens), SQLValue(cacheWrite5mTokens), SQLValue(cacheWrite1hTokens),
            SQLValue(reasoningTokens), SQLValue(totalTokens), SQLValue(usageOther), SQLValue(costUSD), SQLValue(costSource),
            SQLValue(costEntry), SQLValue(costDetail), SQLValue(storedLevel), SQLValue(statusMessage), SQLValue(version),
            SQLValue(environment), SQLValue(storedEventAt), .integer(toolCalls), SQLValue(tools), SQLValue(sharedMetadata),
            .integer(changeSeq),
        ]
        try statement.run(db, isNew ? [.integer(id)] + values : values + [.integer(id)])
    }

    /// `event_at` as stored: NULL when it is the end, as it is for every span (an exporter sends a
    /// span once it ended), which saves 8 bytes a row; reading puts the end back.
    private var storedEventAt: Int64? { eventAt == endAt ? nil : eventAt }

    /// `level` as stored: `DEFAULT`, which every span without an error status has, is kept as an
    /// empty text (no byte but its type), not seven bytes a row. NULL still means no level.
    private var storedLevel: String? { level == "DEFAULT" ? "" : level }

    /// The level a stored `level` stands for (see `storedLevel`).
    private static func level(stored: String?) -> String? { stored == "" ? "DEFAULT" : stored }

    /// Whether any token counter is set.
    var hasTokens: Bool {
        [inputTokens, outputTokens, cacheReadTokens, cacheWrite5mTokens, cacheWrite1hTokens, totalTokens]
            .contains { $0 != nil }
    }

    /// SQL for the same test, for aggregate queries.
    static let unpricedCondition = """
        kind = 'generation' AND cost_usd IS NULL AND coalesce(input_tokens, output_tokens, cache_read_tokens,         cache_write_5m_tokens, cache_write_1h_tokens, total_tokens) IS NOT NULL
        """

    /// What this observation adds to its session's aggregates.
    var tally: SessionTally {
        var tally = SessionTally()
        let isTurn = kind == "generation"
        tally.turns = isTurn ? 1 : 0
        tally.errors = level == "ERROR" ? 1 : 0
        tally.inputTokens = inputTokens ?? 0
        tally.outputTokens = outputTokens ?? 0
        tally.cacheReadTokens = cacheReadTokens ?? 0
        tally.cacheWriteTokens = (cacheWrite5mTokens ?? 0) + (cacheWrite1hTokens ?? 0)
        tally.reasoningTokens = reasoningTokens ?? 0
        tally.cost = costUSD ?? 0
        // A call that reported tokens but has no cost is unpriced; a failed call without usage is not.
        tally.unpricedTurns = isTurn && costUSD == nil && hasTokens ? 1 : 0
        tally.widen(startAt)
        tally.widen(endAt)
        if let model { tally.models.insert(model) }
        return tally
    }
}
