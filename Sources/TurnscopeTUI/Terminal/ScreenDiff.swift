/// What must be written to bring the terminal from one painted buffer to the next: per row, the
/// span from the first to the last changed cell, cut into runs of one style.
///
/// Diffing here keeps the calls into ncurses (and the String → wchar_t conversions) proportional
/// to what changed; ncurses then diffs its own virtual screen, so only changed cells reach the tty.
public enum ScreenDiff {
    /// Cells in one style to write from (x, y); continuation cells are left out (the wide
    /// character before them covers them).
    public struct Run: Sendable, Hashable {
        public var x: Int
        public var y: Int
        public var style: Style
        /// The cells' graphemes with the columns each occupies.
        public var cells: [RunCell]

        public init(x: Int, y: Int, style: Style, cells: [RunCell]) {
            self.x = x
            self.y = y
            self.style = style
            self.cells = cells
        }

        /// The run's text, as the terminal will show it.
        public var text: String { cells.map(\.text).joined() }
    }

    /// One grapheme of a run and the columns it occupies (1, or 2 for a wide character).
    public struct RunCell: Sendable, Hashable {
        public var text: String
        public var columns: Int

        public init(text: String, columns: Int) {
            self.text = text
            self.columns = columns
        }
    }

    /// The runs that turn `previous` into `current`; everything when `previous` is nil or of
    /// another size (the first frame, after a resize, after returning from the shell or a pager).
    public static func runs(from previous: ScreenBuffer?, to current: ScreenBuffer) -> [Run] {
        let full = previous == nil || previous!.width != current.width || previous!.height != current.height
        var runs: [Run] = []
        let width = current.width
        for y in 0..<current.height {
            var first = 0
            var last = width - 1
            if !full, let previous {
                guard let changed = (0..<width).first(where: { previous[$0, y] != current[$0, y] }) else { continue }
                first = changed
                last = (0..<width).last(where: { previous[$0, y] != current[$0, y] })!
            }
            // Never start on the right half of a wide character, nor stop on its left half.
            while first > 0, current[first, y].isContinuation { first -= 1 }
            if last + 1 < width, current[last + 1, y].isContinuation { last += 1 }
            var run: Run?
            var x = first
            while x <= last {
                let cell = current[x, y]
                if cell.isContinuation {
                    x += 1
                    continue
                }
                let columns = x + 1 < width && current[x + 1, y].isContinuation ? 2 : 1
                if run == nil || run!.style != cell.style {
                    if let done = run { runs.append(done) }
                    run = Run(x: x, y: y, style: cell.style, cells: [])
                }
                run!.cells.append(RunCell(text: cell.text, columns: columns))
                x += columns
            }
            if let done = run { runs.append(done) }
        }
        return runs
    }
}
