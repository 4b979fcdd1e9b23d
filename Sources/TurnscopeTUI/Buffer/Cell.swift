/// One terminal cell: the grapheme drawn in it and its style.
///
/// A wide character (CJK, most emoji) occupies its cell and the next; the next cell is then a
/// continuation with empty text, so every row always holds exactly `width` cells.
public struct Cell: Sendable, Hashable {
    /// The grapheme cluster drawn here: one column wide, two, or "" for a continuation cell.
    public var text: String
    /// How it is drawn.
    public var style: Style

    public init(text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A space in the default style.
    public static let blank = Cell(text: " ")

    /// Whether this cell is the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}
