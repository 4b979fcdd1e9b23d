import GRDB
import TurnscopeModel

/// A browse filter as SQL conditions: one form for sessions, one for turns.
extension BrowseFilter {
    /// Conditions on the `sessions` table aliased `s`, and their arguments.
    func sessionCondition() -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let model {
            clauses.append("s.models LIKE ? ESCAPE '\\'")
            arguments += [Self.likePattern(model)]
        }
        if let user {
            clauses.append("s.user_id LIKE ? ESCAPE '\\'")
            arguments += [Self.likePattern(user)]
        }
        if let tag {
            clauses.append("EXISTS (SELECT 1 FROM traces t, json_each(t.tags) j WHERE t.session_id = s.id AND j.value = ?)")
            arguments += [tag]
        }
        if let source {
            clauses.append("s.source LIKE ? ESCAPE '\\'")
            arguments += [Self.likePattern(source)]
        }
        if let project {
            clauses.append("s.project LIKE ? ESCAPE '\\'")
            arguments += [Self.likePattern(project)]
        }
        if errorsOnly { clauses.append("s.error_count > 0") }
        if let minimumCost {
            clauses.append("s.cost_usd > ?")
            arguments += [minimumCost]
        }
        if let since {
            clauses.append("s.last_at >= ?")
            arguments += [since.microseconds]
        }
        if let until {
            clauses.append("s.first_at <= ?")
            arguments += [until.microseconds]
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    /// Conditions on generations aliased `o` joined with their trace `t`, and their arguments.
    func turnCondition() -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let model {
            clauses.append("o.model LIKE ? ESCAPE '\\'")
            arguments += [Self.likePattern(model)]
        }
        if let user {
            clauses.append("t.user_id LIKE ? ESCAPE '\\'")
            arguments += [Self.likePattern(user)]
        }
        if let tag {
            clauses.append("EXISTS (SELECT 1 FROM json_each(t.tags) j WHERE j.value = ?)")
            arguments += [tag]
        }
        if source != nil || project != nil {
            let sessions = BrowseFilter(source: source, project: project).sessionCondition()
            clauses.append("EXISTS (SELECT 1 FROM sessions s WHERE s.id = o.session_id AND \(sessions.sql))")
            arguments += sessions.arguments
        }
        if errorsOnly { clauses.append("o.level = 'ERROR'") }
        if let minimumCost {
            clauses.append("o.cost_usd > ?")
            arguments += [minimumCost]
        }
        if let since {
            clauses.append("o.start_at >= ?")
            arguments += [since.microseconds]
        }
        if let until {
            clauses.append("o.start_at <= ?")
            arguments += [until.microseconds]
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    /// `%text%` for LIKE with the wildcards in `text` escaped (LIKE is case-insensitive for ASCII).
    static func likePattern(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}
