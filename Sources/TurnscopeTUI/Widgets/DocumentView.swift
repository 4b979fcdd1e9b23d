/// A scrolling view over prepared lines: the turn detail, raw JSON, help.
///
/// Lines are laid out once when the content or the width changes, never per frame; the view only
/// keeps a scroll offset and a cursor line (the focus for folding, copying and mouse clicks).
public struct DocumentView: Sendable {
    /// The laid-out lines.
    public private(set) var lines: [StyledLine] = []
    /// An optional tag per line (a fold's id, a message index) that clicks and Enter act on.
    public private(set) var anchors: [String?] = []
    /// The first line shown.
    public private(set) var scroll = 0
    /// The focused line.
    public private(set) var cursor = 0

    public init() {}

    /// Replaces the lines, keeping the cursor on the same anchor when it still exists.
    public mutating func setLines(_ newLines: [StyledLine], anchors newAnchors: [String?]? = nil) {
        let anchor = anchors.indices.contains(cursor) ? anchors[cursor] : nil
        lines = newLines
        anchors = newAnchors ?? Array(repeating: nil, count: newLines.count)
        if let anchor, let index = anchors.firstIndex(of: anchor) {
            cursor = index
        } else {
            cursor = min(cursor, max(0, lines.count - 1))
        }
        scroll = min(scroll, max(0, lines.count - 1))
    }

    /// The anchor of the focused line.
    public var focusedAnchor: String? { anchors.indices.contains(cursor) ? anchors[cursor] : nil }

    /// Moves the cursor by `delta` lines, scrolling to keep it on screen.
    public mutating func move(by delta: Int, height: Int) {
        cursor = max(0, min(lines.count - 1, cursor + delta))
        reveal(height: height)
    }

    /// Puts the cursor on a line and scrolls it into view, near the top when `atTop`.
    public mutating func jump(to line: Int, height: Int, atTop: Bool = false) {
        cursor = max(0, min(lines.count - 1, line))
        if atTop { scroll = max(0, min(cursor - 1, max(0, lines.count - height))) }
        reveal(height: height)
    }

    /// Acts on a movement command; returns false for commands that are not movements.
    public mutating func perform(_ command: Command, height: Int) -> Bool {
        switch command {
        case .down: move(by: 1, height: height)
        case .up: move(by: -1, height: height)
        case .pageDown: scrollBy(height - 1, height: height)
        case .pageUp: scrollBy(-(height - 1), height: height)
        case .halfPageDown: scrollBy(height / 2, height: height)
        case .halfPageUp: scrollBy(-(height / 2), height: height)
        case .top: jump(to: 0, height: height)
        case .bottom: jump(to: lines.count - 1, height: height)
        default: return false
        }
        return true
    }

    /// Scrolls the view and the cursor together.
    public mutating func scrollBy(_ delta: Int, height: Int) {
        scroll = max(0, min(max(0, lines.count - height), scroll + delta))
        cursor = max(0, min(lines.count - 1, cursor + delta))
        reveal(height: height)
    }

    /// Clicking a visible row focuses it; returns its anchor.
    public mutating func click(row: Int, height: Int) -> String? {
        let line = scroll + row
        guard lines.indices.contains(line) else { return nil }
        cursor = line
        return anchors[line]
    }

    /// Draws the visible lines; the cursor line is marked in the gutter when `showsCursor`.
    public func draw(into buffer: inout ScreenBuffer, area: Rect, theme: Theme, showsCursor: Bool = true) {
        for row in 0..<area.height {
            let index = scroll + row
            guard lines.indices.contains(index) else { break }
            let y = area.y + row
            if showsCursor {
                buffer.write(index == cursor ? "▌" : " ", x: area.x, y: y, style: theme.header)
                lines[index].draw(into: &buffer, x: area.x + 1, y: y, width: area.width - 1)
            } else {
                lines[index].draw(into: &buffer, x: area.x, y: y, width: area.width)
            }
        }
        if lines.count > area.height, area.height > 0 {
            let percent = lines.count <= 1 ? 100 : (scroll + area.height) * 100 / lines.count
            let label = " \(min(100, percent))% "
            buffer.write(label, x: area.maxX - label.count, y: area.maxY - 1, style: theme.dimmed)
        }
    }

    /// All lines as plain text (what `y` copies and `o` pages).
    public var plainText: String { lines.map(\.plainText).joined(separator: "\n") }

    private mutating func reveal(height: Int) {
        guard height > 0 else { return }
        if cursor < scroll { scroll = cursor }
        if cursor >= scroll + height { scroll = cursor - height + 1 }
    }
}
