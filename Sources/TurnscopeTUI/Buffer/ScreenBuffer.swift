import TurnscopeModel

/// An in-memory grid of cells that views draw into and the terminal backend paints.
///
/// Nothing reaches the terminal except through a buffer, and `write` sanitizes every string, so a
/// control character in captured text is drawn as its visible placeholder and never sent raw.
/// Tests read a buffer as plain text (`text`) without any terminal.
public struct ScreenBuffer: Sendable, Hashable {
    /// Columns.
    public private(set) var width: Int
    /// Rows.
    public private(set) var height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a position.
    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from (x, y), clipped to `maxWidth` columns (default: to the buffer's edge) with an
    /// ellipsis when cut, and returns the columns used. Control characters are drawn as placeholders;
    /// a wide character that does not fit whole is not drawn at all.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let safe = TerminalText.sanitize(text)
        let shown = TerminalText.width(safe) <= limit ? safe : TerminalText.truncate(safe, to: limit)
        var column = x
        for character in shown {
            let w = TerminalText.width(of: character)
            if w == 0 {
                // A stray combining mark with nothing before it on this row: attach it to a space.
                if column == x { put(Cell(text: " " + String(character), style: style), at: column, y); column += 1 }
                continue
            }
            guard column + w <= x + limit else { break }
            put(Cell(text: String(character), style: style), at: column, y)
            if w == 2 { put(Cell(text: "", style: style), at: column + 1, y) }
            column += w
        }
        return column - x
    }

    /// Fills a rectangle with spaces in a style.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) { cells[row * width + column] = Cell(text: " ", style: style) }
        }
    }

    /// Applies a style change to every cell of a rectangle, keeping the text (a selection bar).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) { change(&cells[row * width + column].style) }
        }
    }

    /// One row as text, trailing spaces removed.
    public func line(_ y: Int) -> String {
        var text = ""
        for column in 0..<width { text += cells[y * width + column].text }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The whole buffer as text, one line per row: what a golden test compares.
    public var text: String {
        (0..<height).map(line).joined(separator: "\n")
    }

    /// Puts a cell, repairing a wide character it half-overwrites so no row ever shows half of one.
    private mutating func put(_ cell: Cell, at x: Int, _ y: Int) {
        let index = y * width + x
        if !cell.isContinuation, cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
        }
        if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}
