import TurnscopeModel

/// The browser's named styles. Each pairs a colour with an attribute (bold, dim, reverse or
/// underline), so with colour off the same structure reads in monochrome.
public struct Theme: Sendable {
    /// Whether colours are drawn at all (off for `NO_COLOR` and `TERM=dumb`).
    public var usesColor: Bool

    public init(usesColor: Bool = true) {
        self.usesColor = usesColor
    }

    /// Chooses colour from the environment: off when `NO_COLOR` is set and non-empty or `TERM` is `dumb`.
    public static func from(environment: [String: String]) -> Theme {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return Theme(usesColor: !(noColor || dumb))
    }

    /// The header bar and the cursor gutter.
    public var header: Style { Style(foreground: .cyan, bold: true) }
    /// A section or screen title.
    public var title: Style { Style(bold: true, underline: true) }
    /// A key in the footer.
    public var footerKey: Style { Style(foreground: .cyan, bold: true) }
    /// What a footer key does.
    public var footerText: Style { Style(dim: true) }
    /// A table's column headings.
    public var columnHeader: Style { Style(bold: true, underline: true) }
    /// The selected row.
    public var selected: Style { Style(reverse: true) }
    /// Secondary facts.
    public var dimmed: Style { Style(dim: true) }
    /// Failed calls and error text.
    public var error: Style { Style(foreground: .red, bold: true) }
    /// Warnings and messages in the footer.
    public var warning: Style { Style(foreground: .yellow, bold: true) }
    /// A call that went well.
    public var good: Style { Style(foreground: .green) }
    /// Costs.
    public var money: Style { Style(foreground: .yellow) }
    /// Cost bars.
    public var bar: Style { Style(foreground: .yellow) }
    /// A search match.
    public var highlight: Style { Style(foreground: .yellow, bold: true, reverse: true) }
    /// What is new in this turn.
    public var newMarker: Style { Style(foreground: .green, bold: true) }
    /// The paused-tail marker.
    public var paused: Style { Style(foreground: .yellow, bold: true, reverse: true) }
    /// The live-tail marker.
    public var following: Style { Style(foreground: .green, bold: true) }
    /// The active filter.
    public var filter: Style { Style(foreground: .magenta, bold: true) }
    /// A prompt's label.
    public var prompt: Style { Style(bold: true) }
    /// JSON object keys.
    public var jsonKey: Style { Style(foreground: .cyan) }
    /// JSON strings.
    public var jsonString: Style { Style(foreground: .green) }
    /// JSON numbers, booleans and null.
    public var jsonLiteral: Style { Style(foreground: .magenta) }
    /// Tool names.
    public var toolName: Style { Style(foreground: .magenta, bold: true) }

    /// The label style of a chat role.
    public func role(_ role: Role) -> Style {
        switch role {
        case .system, .developer: return Style(foreground: .blue, bold: true)
        case .user: return Style(foreground: .green, bold: true)
        case .assistant: return Style(foreground: .cyan, bold: true)
        case .tool: return Style(foreground: .magenta, bold: true)
        default: return Style(bold: true)
        }
    }
}
