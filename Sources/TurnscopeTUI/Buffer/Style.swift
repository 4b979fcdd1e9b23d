/// How a cell is drawn: an optional colour and the attributes that stay readable without colour.
///
/// Every semantic style in `Theme` sets an attribute as well as a colour, so the structure survives
/// `NO_COLOR`, `TERM=dumb` and monochrome terminals: the painter simply drops the colour.
public struct Style: Sendable, Hashable {
    /// The foreground colour from the 16-colour palette; nil keeps the terminal's default.
    public var foreground: Color?
    /// Heavier text: headings, labels, keys.
    public var bold: Bool
    /// Fainter text: secondary facts.
    public var dim: Bool
    /// Foreground and background swapped: the selection, the header bar.
    public var reverse: Bool
    /// Underlined: column headings and titles.
    public var underline: Bool

    public init(
        foreground: Color? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// The terminal's default look.
    public static let plain = Style()

    /// This style drawn reversed (a selected row).
    public var reversed: Style {
        var copy = self
        copy.reverse.toggle()
        return copy
    }

    /// This style with bold added.
    public var emphasized: Style {
        var copy = self
        copy.bold = true
        return copy
    }
}

/// The eight basic terminal colours (the background is always the terminal's default).
public enum Color: Int, Sendable, Hashable, CaseIterable {
    case red = 1, green, yellow, blue, magenta, cyan, white
}
