/// A rectangle of cells on the screen.
public struct Rect: Sendable, Hashable {
    /// The leftmost column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// Columns wide (never negative).
    public var width: Int
    /// Rows tall (never negative).
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The column just right of the rectangle.
    public var maxX: Int { x + width }
    /// The row just below the rectangle.
    public var maxY: Int { y + height }

    /// Whether a cell lies inside.
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The rectangle split into a left part `leftWidth` wide, a one-column gap, and the rest.
    public func splitColumns(leftWidth: Int) -> (left: Rect, right: Rect) {
        let left = Rect(x: x, y: y, width: leftWidth, height: height)
        let right = Rect(x: x + leftWidth + 1, y: y, width: width - leftWidth - 1, height: height)
        return (left, right)
    }

    /// The rectangle without its first `rows` rows.
    public func droppingTop(_ rows: Int) -> Rect { Rect(x: x, y: y + rows, width: width, height: height - rows) }
}
