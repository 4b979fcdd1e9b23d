/// One screen of the browser: sessions, the turns of a session, a turn, a trace tree, stats, …
///
/// A screen keeps its own state (selection, scroll, folds) and the rows currently on show. It loads
/// only what fits on screen, draws from that state alone, and acts on commands, not raw keys.
/// Screens live on the browser's UI thread only.
public protocol Screen: AnyObject {
    /// The breadcrumb name in the header ("Sessions", "Turn 12").
    var title: String { get }
    /// The screen's own key bindings; they shadow the global ones and feed the help and footer.
    var bindings: [KeyBinding] { get }
    /// Whether this screen reloads when the store changes (lists do; a turn being read keeps still).
    var followsStore: Bool { get }
    /// The live-tail state for the header, when the screen tails.
    var liveStatus: LiveStatus? { get }

    /// Loads what the screen shows for an area of `size`. Called when the screen opens, when the store
    /// changed (if `followsStore`), when the filter changes, and after a resize.
    func reload(_ context: BrowserContext)
    /// Draws the screen's content into `area`.
    func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext)
    /// Acts on a command; returns where to go next. Commands a screen does not handle return `.unhandled`.
    func perform(_ command: Command, context: BrowserContext) -> Navigation
    /// Acts on a mouse click or wheel step inside its area.
    func mouse(_ event: MouseEvent, area: Rect, context: BrowserContext) -> Navigation
    /// The focused content as plain text, for `y` (copy) and `o` (pager); nil when nothing is focused.
    var focusedText: String? { get }
}

extension Screen {
    public var followsStore: Bool { true }
    public var liveStatus: LiveStatus? { nil }
    public var focusedText: String? { nil }
    public func mouse(_ event: MouseEvent, area: Rect, context: BrowserContext) -> Navigation { .unhandled }
}

/// Where a command leads.
public enum Navigation {
    /// The screen did not handle the command: the browser tries its global meaning.
    case unhandled
    /// Handled; stay.
    case stay
    /// Open a screen on top.
    case push(any Screen)
    /// Replace the current screen (stepping to the next turn, the next search match).
    case replace(any Screen)
    /// Close this screen.
    case pop
    /// Show a short message in the footer.
    case message(String)
}

/// What a tailing list shows in the header: following the newest row, or paused with a count of
/// rows that arrived since.
public enum LiveStatus: Sendable, Hashable {
    case following
    case paused(newRows: Int)
}

extension Screen {
    /// The mouse on a list: the wheel moves like ↑/↓, a click selects the row `selectRow` finds
    /// under the pointer (false when there is none), and a double click then opens it.
    func listMouse(_ event: MouseEvent, context: BrowserContext, selectRow: () -> Bool) -> Navigation {
        switch event.action {
        case .wheelUp: return perform(.up, context: context)
        case .wheelDown: return perform(.down, context: context)
        case .press, .doublePress:
            guard selectRow() else { return .stay }
            return event.action == .doublePress ? perform(.open, context: context) : .stay
        }
    }
}
