import GRDB
import TurnscopeModel

/// A browse filter as conditions on the usage aggregate's cells (`usage_by_day`), when they can
/// say what it lets through.
extension BrowseFilter {
    /// Whether the usage aggregate answers this filter: it knows each call's model, day and
    /// whether it failed, nothing of its user, tags, session or own cost. Times must be after
    /// 1970-01-01: a call less than a second before it counts on that day (whole seconds are
    /// truncated towards zero, as SQLite's `date()` over `start_at / 1000000` has it).
    var isAnsweredByUsageCells: Bool {
        user == nil && tag == nil && source == nil && project == nil && minimumCost == nil
            && (since?.microseconds ?? 1) > 0 && (until?.microseconds ?? 1) > 0
    }

    /// Conditions on `usage_by_day` for the whole days of `days` and this filter's model and
    /// errors, and their arguments.
    func usageCellCondition(days: UsageDaySplit) -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let model {
            clauses.append("model LIKE ? ESCAPE '\\'")
            arguments += [Self.likePattern(model)]
        }
        if errorsOnly { clauses.append("failed = 1") }
        if let first = days.firstDay {
            clauses.append("day >= ?")
            arguments += [first]
        }
        if let last = days.lastDay {
            clauses.append("day <= ?")
            arguments += [last]
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }
}
