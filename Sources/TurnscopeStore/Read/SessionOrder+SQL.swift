import TurnscopeModel

/// A session order as an SQL `ORDER BY` over the `sessions` table aliased `s`.
extension SessionOrder {
    /// The sort expression of the column.
    var expression: String {
        switch column {
        case .lastActivity: "s.last_at"
        case .label: "coalesce(s.label, s.key) COLLATE NOCASE"
        case .user: "s.user_id COLLATE NOCASE"
        case .turns: "s.turn_count"
        case .inputTokens: "(s.input_tokens + s.cache_read_tokens + s.cache_write_tokens)"
        case .outputTokens: "s.output_tokens"
        case .cost: "s.cost_usd"
        case .models: "s.models"
        case .errors: "s.error_count"
        case .cacheHitRatio:
            "(CASE WHEN s.input_tokens + s.cache_read_tokens + s.cache_write_tokens > 0 THEN s.cache_read_tokens * 1.0 / (s.input_tokens + s.cache_read_tokens + s.cache_write_tokens) END)"
        }
    }

    /// The full `ORDER BY` clause; the row id breaks ties in the same direction so order is total.
    var orderBy: String {
        let direction = descending ? "DESC" : "ASC"
        return "\(expression) \(direction), s.id \(direction)"
    }
}
