/// A one-line text input (the search and filter prompts): printable keys insert at the cursor,
/// arrows move, Backspace/Delete erase, Ctrl-U clears to the start.
public struct LineEditor: Sendable {
    /// What the prompt is for, shown before the input.
    public var label: String
    /// What has been typed.
    public private(set) var text: String
    /// The cursor, in characters.
    public private(set) var cursor: Int

    public init(label: String, text: String = "") {
        self.label = label
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; returns false for keys that end or ignore editing (Enter, Esc).
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            text.insert(character, at: text.index(text.startIndex, offsetBy: cursor))
            cursor += 1
        case .backspace where cursor > 0:
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .delete where cursor < text.count:
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text.removeFirst(cursor)
            cursor = 0
        case .backspace, .delete: break
        default: return false
        }
        return true
    }
}
