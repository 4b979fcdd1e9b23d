import TurnscopeModel
import TurnscopeStore

/// The first screen: every session, newest activity first (or sorted by any column), tailing live.
public final class SessionsScreen: Screen {
    public let title = "Sessions"
    private var list = LiveList<SessionSummary>(newestAtTop: true)
    private var order = SessionOrder()
    private var newSincePause = 0
    /// The store's change token when the rows on screen were read, and when following paused.
    private var shownToken: Int64 = 0
    private var pauseToken: Int64?
    /// What `newSincePause` was last counted for (change token, pause token, filter): counting
    /// reads every session, so a key that moves the selection while nothing was committed does
    /// not count again.
    private var countedFor: (token: Int64, since: Int64, filter: BrowseFilter)?
    private var error: String?

    public init() {}

    public var bindings: [KeyBinding] {
        [
            KeyBinding([.character(">"), .character("s")], .nextSortColumn, "sort by next column", footer: true),
            KeyBinding([.character("<")], .previousSortColumn, "sort by previous column"),
            KeyBinding([.character("r")], .reverseSort, "reverse sort"),
        ]
    }

    public var liveStatus: LiveStatus? {
        order.column == .lastActivity && order.descending
            ? (list.following ? .following : .paused(newRows: newSincePause)) : nil
    }

    public var focusedText: String? { list.selected.map(SessionsTable.describe) }

    public func reload(_ context: BrowserContext) {
        let filter = context.filter
        let order = self.order
        do {
            let token = try context.store.changeToken()
            try list.reload(
                height: rowsShown(context),
                fetch: { try context.store.sessionWindow(order: order, filter: filter, offset: $0, limit: $1) },
                position: { try context.store.sessionPosition(id: $0, order: order, filter: filter) })
            if list.following {
                pauseToken = nil
                newSincePause = 0
            } else {
                if pauseToken == nil { pauseToken = shownToken }
                let since = pauseToken ?? token
                if since == token {
                    newSincePause = 0  // nothing committed since the pause
                } else if countedFor.map({ $0 != (token, since, filter) }) ?? true {
                    newSincePause = try context.store.sessionCount(filter: filter, changedAfter: since)
                    countedFor = (token, since, filter)
                }
            }
            shownToken = token
            error = nil
        } catch {
            self.error = "\(error)"
        }
    }

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        let theme = context.theme
        if let error {
            buffer.write(error, x: area.x + 1, y: area.y, style: theme.error)
            return
        }
        var listArea = area
        if area.width >= 140, let selected = list.selected {
            let parts = area.splitColumns(leftWidth: area.width * 70 / 100)
            listArea = parts.left
            SessionsTable.drawDetails(selected, into: &buffer, area: parts.right, context: context)
        }
        if list.window.total == 0 {
            buffer.write(
                context.filter.isEmpty
                    ? "No sessions yet. Point an app at the collector, or run `turnscope import FILE`."
                    : "No session matches the filter (F clears it).",
                x: listArea.x + 1, y: listArea.y + 1, style: theme.dimmed)
            return
        }
        SessionsTable.table(context: context).draw(
            list.window.items, selected: list.selectedRow, sortedColumn: SessionsTable.heading(for: order.column),
            descending: order.descending, into: &buffer, area: listArea, theme: theme,
            rowStyle: { $0.errorCount > 0 ? Style(foreground: .red) : nil })
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        let columns = SessionOrder.Column.allCases
        switch command {
        case .open:
            guard let session = list.selected else { return .stay }
            return .push(TurnsScreen(sessionId: session.id, label: session.label))
        case .nextSortColumn, .previousSortColumn:
            let index = columns.firstIndex(of: order.column) ?? 0
            let step = command == .nextSortColumn ? 1 : columns.count - 1
            order.column = columns[(index + step) % columns.count]
            order.descending = order.column != .label && order.column != .user && order.column != .models
            list.restart()
            reload(context)
            return .message("sorted by \(SessionsTable.heading(for: order.column)) (r reverses)")
        case .reverseSort:
            order.descending.toggle()
            list.restart()
            reload(context)
            return .stay
        default:
            guard list.move(command, height: rowsShown(context)) else { return .unhandled }
            reload(context)
            return .stay
        }
    }

    public func mouse(_ event: MouseEvent, area: Rect, context: BrowserContext) -> Navigation {
        listMouse(event, context: context) {
            // Row 0 of the area is the table's heading.
            guard list.click(row: event.y - area.y - 1, height: rowsShown(context)) else { return false }
            reload(context)
            return true
        }
    }

    private func rowsShown(_ context: BrowserContext) -> Int { max(1, context.contentSize.height - 1) }
}
