import GRDB
import TurnscopeModel

/// Reads behind the stats screen and the trace timeline: totals of the LLM calls a browse filter
/// lets through (by model, by day, overall), a zero-filled daily series for sparklines, the most
/// expensive turns, and a trace's heading.
///
/// Every aggregate reads generations only, with the same filter conditions as the turns list, so
/// the stats of `model:sonnet since:7d` are the sums of the turns that filter shows.
extension TraceStore {
    /// Token and cost totals of the LLM calls `filter` lets through, by model (most expensive first)
    /// or by UTC day (oldest first).
    public func usageStats(by grouping: StatsGrouping, filter: BrowseFilter) throws(StoreError) -> [UsageStats] {
        let breakdown = try usageBreakdown(filter: filter)
        return grouping == .model ? breakdown.byModel : breakdown.byDay.filter { $0.calls > 0 }
    }

    /// The totals of every LLM call `filter` lets through, as one group named `total`.
    public func usageTotals(filter: BrowseFilter = BrowseFilter()) throws(StoreError) -> UsageStats {
        try usageBreakdown(filter: filter).total
    }

    /// Totals per UTC day from the first day with a call to the last, oldest first, with days
    /// without calls as empty rows: a sparkline's points are then evenly spaced in time.
    public func dailyUsage(filter: BrowseFilter = BrowseFilter()) throws(StoreError) -> [UsageStats] {
        try usageBreakdown(filter: filter).byDay
    }

    /// Totals, by model and by day (zero-filled) of the LLM calls `filter` lets through.
    ///
    /// When the filter asks only about model, errors and time (the stats screen as it opens, or a
    /// week's bill), the sums come from the usage aggregate the writer keeps by day and model: a
    /// few hundred rows however many calls there are. Other filters (user, tag, source, project,
    /// a call's cost) sum the calls themselves, grouped by model and day in one pass over them.
    /// Both give the same figures.
    ///
    /// - Parameter source: `.calls` sums the calls even when the aggregate could answer (the
    ///   reference the aggregate must equal); nil or `.aggregate` use the aggregate when it can.
    public func usageBreakdown(
        filter: BrowseFilter = BrowseFilter(), from source: UsageSource? = nil
    ) throws(StoreError) -> UsageBreakdown {
        let answeredBy: UsageSource = source != .calls && filter.isAnsweredByUsageCells ? .aggregate : .calls
        let cells = try read { db in
            answeredBy == .aggregate
                ? try Self.usageCellSums(db, filter: filter)
                : try Self.callSums(db, filter: filter)
        }
        let split = cells.map { cell -> (model: String, day: String, stats: UsageStats) in
            let parts = cell.group.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "(none)", cell)
        }
        let byModel = Dictionary(grouping: split, by: \.model)
            .map { UsageStats.combined($0.value.map(\.stats), as: $0.key) }
            .sorted { ($0.cost, $1.group) > ($1.cost, $0.group) }
        let days = Dictionary(grouping: split, by: \.day)
            .map { UsageStats.combined($0.value.map(\.stats), as: $0.key) }
            .sorted { $0.group < $1.group }
        return UsageBreakdown(
            total: .combined(cells, as: "total"), byModel: byModel, byDay: Self.zeroFilled(days.filter { $0.group != "(none)" }),
            source: answeredBy)
    }

    /// Days oldest first with the days between them that had no call added as empty rows. A range
    /// longer than ten years (a stray timestamp) is not filled in, only listed.
    private static func zeroFilled(_ days: [UsageStats]) -> [UsageStats] {
        guard let first = days.first.flatMap({ midnight($0.group) }), let last = days.last.flatMap({ midnight($0.group) }),
            first.seconds(until: last) <= 3_660 * 86_400
        else { return days }
        let byDay = Dictionary(days.map { ($0.group, $0) }, uniquingKeysWith: { first, _ in first })
        var series: [UsageStats] = []
        var day = first
        while day <= last {
            let name = String(day.iso8601.prefix(10))
            series.append(byDay[name] ?? UsageStats(group: name, calls: 0, usage: Usage(), cost: 0, unpricedCalls: 0))
            day = day.adding(seconds: 86_400)
        }
        return series
    }

    /// The `limit` LLM calls with the highest known cost among those `filter` lets through, most
    /// expensive first (earlier first on a tie), each with its session and its number in it.
    public func mostExpensiveTurns(limit: Int, filter: BrowseFilter = BrowseFilter()) throws(StoreError) -> [TurnSummary] {
        let condition = filter.turnCondition()
        return try read { db in
            var arguments = condition.arguments
            arguments += [limit]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(ObservationRow.prefixedColumns), t.key, t.name, s.key
                    FROM observations o JOIN traces t ON t.id = o.trace_id JOIN sessions s ON s.id = o.session_id
                    WHERE o.kind = 'generation' AND o.cost_usd IS NOT NULL AND \(condition.sql)
                    ORDER BY o.cost_usd DESC, o.start_at, o.id LIMIT ?
                    """, arguments: arguments)
            // One indexed count per row for its number: the list is short, and a window function
            // over every turn of every session would cost far more.
            return try rows.map { row in
                let observation = ObservationRow(row: row)
                let number = try Self.turnsBefore(
                    db, session: observation.sessionId, startAt: observation.startAt ?? Int64.min, id: observation.id)
                return observation.summary(
                    traceKey: row[ObservationRow.columnCount], sessionKey: row[ObservationRow.columnCount + 2],
                    number: max(1, number), traceName: row[ObservationRow.columnCount + 1])
            }
        }
    }

    /// What names a trace above its timeline; nil when there is no such trace.
    public func traceHeading(id: String) throws(StoreError) -> TraceHeading? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT t.key, t.name, t.user_id, t.start_at, s.key, s.auto_group
                    FROM traces t JOIN sessions s ON s.id = t.session_id WHERE t.key = ?
                    """, arguments: [id]
            ).map { row in
                TraceHeading(
                    id: row[0], name: row[1], userId: row[2], startTime: (row[3] as Int64?).map(Timestamp.init(microseconds:)),
                    sessionId: row[4], sessionIsAutomatic: row[5] != nil)
            }
        }
    }

    /// Sums of the generations `filter` lets through by model and day, one `UsageStats` per pair
    /// named `model<TAB>day` (`(none)` for a call without either).
    static func callSums(_ db: Database, filter: BrowseFilter) throws -> [UsageStats] {
        let condition = filter.turnCondition()
        // The trace is joined only when the filter looks at it (user, tag): on a large database the
        // join costs a lookup per call summed.
        let join = filter.user != nil || filter.tag != nil ? "JOIN traces t ON t.id = o.trace_id" : ""
        return try Row.fetchAll(
            db,
            sql: """
                SELECT coalesce(o.model, '(none)') || char(9) || coalesce(date(o.start_at / 1000000, 'unixepoch'), '(none)'),
                    count(*), sum(o.input_tokens), sum(o.output_tokens), sum(o.cache_read_tokens),
                    sum(o.cache_write_5m_tokens), sum(o.cache_write_1h_tokens), sum(o.reasoning_tokens),
                    coalesce(sum(o.cost_usd), 0), coalesce(sum(\(ObservationRow.unpricedCondition)), 0)
                FROM observations o \(join)
                WHERE o.kind = 'generation' AND \(condition.sql) GROUP BY 1
                """, arguments: condition.arguments
        ).map(usageStats)
    }

    /// The `UsageStats` of a row of sums: group, calls, the six token counters, cost, unpriced calls.
    static func usageStats(_ row: Row) -> UsageStats {
        UsageStats(
            group: row[0] ?? "(none)", calls: row[1],
            usage: Usage(
                input: row[2] ?? 0, output: row[3] ?? 0, cacheRead: row[4] ?? 0, cacheWrite5m: row[5] ?? 0,
                cacheWrite1h: row[6] ?? 0, reasoning: row[7] ?? 0),
            cost: row[8], unpricedCalls: row[9])
    }

    private static func midnight(_ day: String) -> Timestamp? { Timestamp(iso8601: day + "T00:00:00Z") }
}

/// A trace as its timeline's heading names it.
public struct TraceHeading: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var userId: String?
    public var startTime: Timestamp?
    /// The session it belongs to (`auto:…` when Turnscope grouped it).
    public var sessionId: String
    public var sessionIsAutomatic: Bool

    public init(id: String, name: String?, userId: String?, startTime: Timestamp?, sessionId: String, sessionIsAutomatic: Bool) {
        self.id = id
        self.name = name
        self.userId = userId
        self.startTime = startTime
        self.sessionId = sessionId
        self.sessionIsAutomatic = sessionIsAutomatic
    }
}

extension UsageStats {
    /// Share of prompt tokens served from the cache; nil when there were no prompt tokens.
    public var cacheHitRatio: Double? {
        let prompt = usage.promptTokens
        return prompt > 0 ? Double(usage.cacheRead ?? 0) / Double(prompt) : nil
    }
}

/// The stats of LLM calls three ways: all together, by model (most expensive first), and by UTC
/// day (oldest first, days without calls included as empty rows).
public struct UsageBreakdown: Sendable {
    public var total: UsageStats
    public var byModel: [UsageStats]
    public var byDay: [UsageStats]
    /// Where the figures came from (the same either way; a large database answers faster from
    /// the aggregate).
    public var source: UsageSource

    public init(total: UsageStats, byModel: [UsageStats], byDay: [UsageStats], source: UsageSource = .calls) {
        self.total = total
        self.byModel = byModel
        self.byDay = byDay
        self.source = source
    }
}
