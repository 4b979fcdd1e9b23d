import TurnscopeModel

/// Selection, scrolling and follow mode of a list that may be far longer than the screen and that
/// grows while it is shown.
///
/// Only the rows on screen are loaded. The selection is kept by id across reloads, never by index:
/// when rows arrive above it, the selected row stays selected (and on the same screen row). Follow
/// mode holds the selection on the newest row only while the user leaves it there; moving away
/// pauses it and the list counts what arrived since.
public struct LiveList<Item: Identifiable & Sendable>: Sendable where Item.ID == String {
    /// The rows on screen and the list's length.
    public private(set) var window = ListWindow<Item>(items: [], offset: 0, total: 0)
    /// The selected row's index in the whole list.
    public private(set) var selectedIndex = 0
    /// The selected row's id.
    public private(set) var selectedId: String?
    /// The index of the first row on screen.
    public private(set) var top = 0
    /// Whether the newest row is at the top (sessions, newest first) or at the bottom (turns, in time order).
    public let newestAtTop: Bool
    /// Whether the selection follows the newest row.
    public private(set) var following = true
    /// The list length when following paused, for counting new rows.
    public private(set) var pausedTotal: Int?

    public init(newestAtTop: Bool) {
        self.newestAtTop = newestAtTop
    }

    /// The selected row if it is on screen.
    public var selected: Item? {
        let index = selectedIndex - window.offset
        return window.items.indices.contains(index) ? window.items[index] : nil
    }

    /// The selected row's position among the rows on screen.
    public var selectedRow: Int? {
        let index = selectedIndex - window.offset
        return window.items.indices.contains(index) ? index : nil
    }

    /// Loads the rows for a screen `height` rows tall: `fetch(offset, limit)` reads a window,
    /// `position(id)` finds a row that moved out of it.
    public mutating func reload(
        height: Int, fetch: (Int, Int) throws -> ListWindow<Item>, position: (String) throws -> Int?
    ) rethrows {
        let height = max(1, height)
        let screenRow = selectedIndex - top
        var loaded = try fetch(top, height)
        let total = loaded.total
        if following {
            selectedIndex = newestAtTop ? 0 : max(0, total - 1)
        } else if let id = selectedId {
            if let index = loaded.items.firstIndex(where: { $0.id == id }) {
                selectedIndex = loaded.offset + index
            } else if let found = try position(id) {
                selectedIndex = found
            }
        }
        selectedIndex = max(0, min(selectedIndex, total - 1))
        var newTop = following ? (newestAtTop ? 0 : max(0, total - height)) : selectedIndex - max(0, min(screenRow, height - 1))
        newTop = max(0, min(newTop, max(0, total - height)))
        if newTop != loaded.offset || (loaded.items.count < height && loaded.offset + loaded.items.count < total) {
            loaded = try fetch(newTop, height)
        }
        top = newTop
        window = loaded
        selectedId = selected?.id
    }

    /// Moves the selection for a movement command; returns false for other commands. The caller
    /// reloads afterwards.
    public mutating func move(_ command: Command, height: Int) -> Bool {
        let last = max(0, window.total - 1)
        let target: Int
        switch command {
        case .down: target = selectedIndex + 1
        case .up: target = selectedIndex - 1
        case .pageDown: target = selectedIndex + max(1, height - 1)
        case .pageUp: target = selectedIndex - max(1, height - 1)
        case .halfPageDown: target = selectedIndex + max(1, height / 2)
        case .halfPageUp: target = selectedIndex - max(1, height / 2)
        case .top: target = 0
        case .bottom, .follow: target = last
        default: return false
        }
        select(index: target, height: height)
        return true
    }

    /// Selects a row by index (a click), scrolling it into view and updating follow mode.
    public mutating func select(index: Int, height: Int) {
        selectedIndex = max(0, min(index, max(0, window.total - 1)))
        if selectedIndex < top { top = selectedIndex }
        if selectedIndex >= top + height { top = selectedIndex - height + 1 }
        let newest = newestAtTop ? 0 : max(0, window.total - 1)
        if selectedIndex == newest {
            following = true
            pausedTotal = nil
        } else if following {
            following = false
            pausedTotal = window.total
        }
        selectedId = nil
        let index = selectedIndex - window.offset
        if window.items.indices.contains(index) { selectedId = window.items[index].id }
    }

    /// Starts over at the newest row, following (the order changed: old positions mean nothing).
    public mutating func restart() {
        following = true
        pausedTotal = nil
        selectedId = nil
        selectedIndex = 0
        top = 0
    }

    /// Selects the `row`-th row on screen (a click); false when no row is there.
    public mutating func click(row: Int, height: Int) -> Bool {
        guard row >= 0, row < window.items.count else { return false }
        select(index: window.offset + row, height: height)
        return true
    }

    /// Selects a row by id at a known index (after a search jump), pausing follow mode.
    public mutating func select(id: String, at index: Int) {
        selectedIndex = index
        selectedId = id
        if following {
            following = false
            pausedTotal = window.total
        }
    }

    /// Rows that arrived since following paused, by length.
    public var newRowsByCount: Int { max(0, window.total - (pausedTotal ?? window.total)) }
}
