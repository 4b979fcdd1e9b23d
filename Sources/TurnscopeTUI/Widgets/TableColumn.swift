import TurnscopeModel

/// A column of a table: a heading, a width policy, and how to draw a row's cell.
public struct TableColumn<Row>: @unchecked Sendable {
    /// How wide the column is.
    public enum Width: Sendable {
        /// Exactly this many columns.
        case fixed(Int)
        /// At least `min` columns, sharing what is left over with other flexible columns by `weight`.
        case flexible(min: Int, weight: Int)
    }

    public var heading: String
    public var width: Width
    public var alignRight: Bool
    /// The cell's text and style for a row.
    public var cell: (Row) -> Span
    /// Hidden below this terminal width (narrow screens keep the essential columns).
    public var minimumScreenWidth: Int

    public init(
        _ heading: String, _ width: Width, alignRight: Bool = false, minimumScreenWidth: Int = 0,
        cell: @escaping (Row) -> Span
    ) {
        self.heading = heading
        self.width = width
        self.alignRight = alignRight
        self.cell = cell
        self.minimumScreenWidth = minimumScreenWidth
    }
}
