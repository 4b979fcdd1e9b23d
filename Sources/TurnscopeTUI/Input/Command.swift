/// What a key asks the browser to do. Keys map to commands through `KeyBinding` tables; screens
/// act on commands, never on raw keys, so one table both dispatches keys and writes the help.
public enum Command: Sendable, Hashable {
    // Moving.
    case up, down, pageUp, pageDown, halfPageUp, halfPageDown, top, bottom, left, right
    // Navigating between screens and panes.
    case open, back, quit, forceQuit, nextPane, previousPane
    case showSessions, showStats, showTree, showRaw, showHelp
    case nextTurn, previousTurn
    // Finding.
    case search, nextMatch, previousMatch, filter, clearFilter
    // Sorting.
    case nextSortColumn, previousSortColumn, reverseSort
    // Content.
    case toggleFold, expandAll, copy, openInPager
    // Live tail.
    case follow
}
