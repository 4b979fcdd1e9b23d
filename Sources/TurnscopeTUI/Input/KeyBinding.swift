/// One row of a key table: the keys, the command they run, and how help describes it.
public struct KeyBinding: Sendable {
    /// Every key that runs the command (an arrow and its vim twin, say).
    public var keys: [Key]
    public var command: Command
    /// A few words for the help screen and the footer ("open", "search").
    public var summary: String
    /// Whether the footer lists it (the help screen lists everything).
    public var inFooter: Bool

    public init(_ keys: [Key], _ command: Command, _ summary: String, footer: Bool = false) {
        self.keys = keys
        self.command = command
        self.summary = summary
        inFooter = footer
    }

    /// The keys as the help and footer show them, e.g. `j/↓`.
    public var label: String { keys.map(\.label).joined(separator: "/") }
}

/// Key tables and lookup: a screen's own bindings shadow the global ones.
public enum KeyMap {
    /// Bindings every screen shares.
    public static let global: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .down, "down"),
        KeyBinding([.character("k"), .up], .up, "up"),
        KeyBinding([.pageDown, .character(" ")], .pageDown, "page down"),
        KeyBinding([.pageUp, .character("b")], .pageUp, "page up"),
        KeyBinding([.control("d")], .halfPageDown, "half page down"),
        KeyBinding([.control("u")], .halfPageUp, "half page up"),
        KeyBinding([.character("g"), .home], .top, "first row"),
        KeyBinding([.character("G"), .end], .bottom, "last row / follow"),
        KeyBinding([.enter, .character("l"), .right], .open, "open", footer: true),
        KeyBinding([.escape, .character("h"), .left], .back, "back"),
        KeyBinding([.character("q")], .back, "back / quit", footer: true),
        KeyBinding([.control("c"), .character("Q")], .forceQuit, "quit now"),
        KeyBinding([.tab], .nextPane, "next pane"),
        KeyBinding([.backTab], .previousPane, "previous pane"),
        KeyBinding([.character("/")], .search, "search", footer: true),
        KeyBinding([.character("n")], .nextMatch, "next match"),
        KeyBinding([.character("N")], .previousMatch, "previous match"),
        KeyBinding([.character("f")], .filter, "filter", footer: true),
        KeyBinding([.character("F")], .clearFilter, "clear filter"),
        KeyBinding([.character("S"), .character("4")], .showStats, "stats", footer: true),
        KeyBinding([.character("1")], .showSessions, "sessions"),
        KeyBinding([.character("y")], .copy, "copy (OSC 52)"),
        KeyBinding([.character("o")], .openInPager, "open in $PAGER"),
        KeyBinding([.character("?"), .function(1)], .showHelp, "help", footer: true),
    ]

    /// The command a key runs on a screen with `local` bindings, local first.
    public static func command(for key: Key, local: [KeyBinding]) -> Command? {
        for binding in local where binding.keys.contains(key) { return binding.command }
        for binding in global where binding.keys.contains(key) { return binding.command }
        return nil
    }

    /// The bindings in effect on a screen: its own, then the global ones it does not shadow.
    public static func effective(local: [KeyBinding]) -> [KeyBinding] {
        let shadowed = Set(local.flatMap(\.keys))
        return local + global.compactMap { binding in
            let keys = binding.keys.filter { !shadowed.contains($0) }
            guard !keys.isEmpty else { return nil }
            var kept = binding
            kept.keys = keys
            return kept
        }
    }
}
