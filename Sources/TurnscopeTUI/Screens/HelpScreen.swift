/// Every key of the screen it was opened from, generated from the same tables that dispatch keys,
/// so the help can never disagree with what the keys do.
import Foundation

public final class HelpScreen: Screen {
    public let title = "Help"
    private let shownBindings: [KeyBinding]
    private let screenTitle: String
    private var document = DocumentView()

    /// Help for `screen`: its own keys first, then the global ones.
    public init(for screen: any Screen) {
        shownBindings = KeyMap.effective(local: screen.bindings)
        screenTitle = screen.title
    }

    public var bindings: [KeyBinding] { [] }
    public var followsStore: Bool { false }

    public func reload(_ context: BrowserContext) {
        let theme = context.theme
        var lines = [StyledLine("Keys on \(screenTitle)", theme.title), StyledLine()]
        let width = shownBindings.map { $0.label.count }.max() ?? 8
        for binding in shownBindings {
            var line = StyledLine()
            line.append("  " + binding.label.padding(toLength: width + 2, withPad: " ", startingAt: 0), theme.footerKey)
            line.append(binding.summary)
            lines.append(line)
        }
        lines.append(StyledLine())
        lines.append(StyledLine("Mouse: wheel scrolls, click selects, double-click opens. Ctrl-C always quits.", theme.dimmed))
        lines.append(StyledLine("Filter words: model:NAME user:ID tag:TAG errors cost>USD since:2h until:2026-11-20", theme.dimmed))
        document.setLines(lines)
    }

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        document.draw(into: &buffer, area: area, theme: context.theme, showsCursor: false)
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        if document.perform(command, height: context.contentSize.height) { return .stay }
        if command == .showHelp || command == .open { return .pop }
        return .unhandled
    }
}
