import TurnscopeModel
import TurnscopeStore

/// Everything the stats screen shows, read in one go for a filter: totals, by model, by day, and
/// the most expensive turns.
struct StatsSnapshot: Sendable {
    /// How many of the most expensive turns are listed.
    static let topTurnLimit = 100

    var totals: UsageStats
    /// Most expensive model first.
    var byModel: [UsageStats]
    /// Every day from the first with a call to the last, oldest first, empty days included.
    var series: [UsageStats]
    /// The days with calls, newest first (the table's rows).
    var days: [UsageStats]
    /// Most expensive first.
    var topTurns: [TurnSummary]

    static func load(from store: TraceStore, filter: BrowseFilter) throws(StoreError) -> StatsSnapshot {
        let breakdown = try store.usageBreakdown(filter: filter)
        return StatsSnapshot(
            totals: breakdown.total, byModel: breakdown.byModel,
            series: breakdown.byDay, days: Array(breakdown.byDay.filter { $0.calls > 0 }.reversed()),
            topTurns: try store.mostExpensiveTurns(limit: topTurnLimit, filter: filter))
    }

    static let empty = StatsSnapshot(
        totals: UsageStats(group: "total", calls: 0, usage: Usage(), cost: 0, unpricedCalls: 0), byModel: [], series: [],
        days: [], topTurns: [])
}

/// The three tables of the stats screen, in Tab order.
enum StatsSection: Int, CaseIterable, Sendable {
    case models, days, turns

    var title: String {
        switch self {
        case .models: "By model"
        case .days: "By day"
        case .turns: "Most expensive turns"
        }
    }

    /// The next section for Tab (`step` 1) or Shift-Tab (`step` -1).
    func advanced(by step: Int) -> StatsSection {
        let all = Self.allCases
        return all[(rawValue + step + all.count) % all.count]
    }
}
