/// A cursor and scroll offset over a list held whole in memory (a trace's rows, a stats table):
/// movement commands, clicks, and keeping the cursor on screen.
struct RowCursor: Sendable {
    /// The cursor's index in the list.
    private(set) var index = 0
    /// The first row on screen.
    private(set) var top = 0

    /// Moves for a movement command over `count` rows with `height` on screen; false for other commands.
    mutating func move(_ command: Command, count: Int, height: Int) -> Bool {
        let page = max(1, height - 1)
        switch command {
        case .down: index += 1
        case .up: index -= 1
        case .pageDown: index += page; top += page
        case .pageUp: index -= page; top -= page
        case .halfPageDown: index += max(1, height / 2)
        case .halfPageUp: index -= max(1, height / 2)
        case .top: index = 0
        case .bottom: index = count - 1
        default: return false
        }
        clamp(count: count, height: height)
        return true
    }

    /// Puts the cursor on a row and scrolls it into view.
    mutating func select(_ row: Int, count: Int, height: Int) {
        index = row
        clamp(count: count, height: height)
    }

    /// Keeps the cursor within the list and the scroll where the cursor shows.
    mutating func clamp(count: Int, height: Int) {
        let height = max(1, height)
        index = max(0, min(index, count - 1))
        top = max(0, min(top, max(0, count - height)))
        if index < top { top = index }
        if index >= top + height { top = index - height + 1 }
    }

    /// The indices on screen for `height` rows.
    func visible(count: Int, height: Int) -> Range<Int> {
        let start = min(top, count)
        return start..<min(count, start + max(0, height))
    }
}
