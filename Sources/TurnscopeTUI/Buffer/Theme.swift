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

    public var header: Style { Style(foreground: .cyan, bold: true) }
    public var title: Style { Style(bold: true, underline: true) }
    public var footerKey: Style { Style(foreground: .cyan, bold: true) }
    public var footerText: Style { Style(dim: true) }
    public var columnHeader: Style { Style(bold: true, underline: true) }
    public var selected: Style { Style(reverse: true) }
    public var dimmed: Style { Style(dim: true) }
    public var error: Style { Style(foreground: .red, bold: true) }
    public var warning: Style { Style(foreground: .yellow, bold: true) }
    public var good: Style { Style(foreground: .green) }
    public var money: Style { Style(foreground: .yellow) }
    public var bar: Style { Style(foreground: .yellow) }
    public var highlight: Style { Style(foreground: .yellow, bold: true, reverse: true) }
    public var newMarker: Style { Style(foreground: .green, bold: true) }
    public var paused: Style { Style(foreground: .yellow, bold: true, reverse: true) }
    public var following: Style { Style(foreground: .green, bold: true) }
    public var filter: Style { Style(foreground: .magenta, bold: true) }
    public var prompt: Style { Style(bold: true) }
    public var jsonKey: Style { Style(foreground: .cyan) }
    public var jsonString: Style { Style(foreground: .green) }
    public var jsonLiteral: Style { Style(foreground: .magenta) }
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
