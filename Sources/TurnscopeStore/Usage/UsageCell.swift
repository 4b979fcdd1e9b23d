/// One row of the usage aggregate (`usage_by_day`): the LLM calls of one UTC day and one model,
/// failed or not.
///
/// Those three are what the stats screen's cheap filters look at (`model:`, `errors`, whole days
/// of `since:` and `until:`), so a filtered stats screen still reads a few hundred rows, not every
/// call. Filters on anything else (user, tag, source, project, a call's cost) are answered from
/// the calls themselves.
struct UsageCell: Hashable {
    /// Days since 1970-01-01 (UTC) of the call's start; nil for a call without one.
    var day: Int64?
    var model: String?
    /// Whether the call's level is `ERROR`.
    var failed: Bool

    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// The day a start time (microseconds) falls on, as `date(start_at / 1000000, 'unixepoch')`
    /// reads it: whole seconds first (truncated, as SQLite's integer division does), then the day
    /// they fall in, rounded down also before 1970, so that `date(day * 86400, 'unixepoch')` names
    /// the same date the calls' own times do.
    static func day(of startAt: Int64?) -> Int64? {
        guard let startAt else { return nil }
        let seconds = startAt / 1_000_000
        return (seconds - ((seconds % 86_400) + 86_400) % 86_400) / 86_400
    }
}
