/// How the sessions list is sorted: a column and a direction.
public struct SessionOrder: Sendable, Hashable {
    /// The sortable columns, in the order the sessions table shows them.
    public enum Column: String, Sendable, Hashable, CaseIterable {
        case lastActivity, label, user, turns, inputTokens, outputTokens, cost, models, errors, cacheHitRatio
    }

    /// The column sorted by.
    public var column: Column
    /// Largest (or latest, or last alphabetically) first.
    public var descending: Bool

    public init(column: Column = .lastActivity, descending: Bool = true) {
        self.column = column
        self.descending = descending
    }
}

/// A slice of a list at an offset, and how long the whole list is: what a scrolling view needs.
public struct ListWindow<Item: Sendable>: Sendable {
    /// The rows from `offset` on.
    public var items: [Item]
    /// The index of the first row in the whole list.
    public var offset: Int
    /// How many rows the whole list has.
    public var total: Int

    public init(items: [Item], offset: Int, total: Int) {
        self.items = items
        self.offset = offset
        self.total = total
    }
}
