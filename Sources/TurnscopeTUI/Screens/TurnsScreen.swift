import TurnscopeModel
import TurnscopeStore

/// The turns of one session in time order, newest at the bottom, tailing live.
public final class TurnsScreen: Screen {
    public let sessionId: String
    private let label: String?
    private var list = LiveList<TurnSummary>(newestAtTop: false)
    private var maximumCost: Double?
    private var mirrorMarks: [String: MirrorMark] = [:]
    private var preview: TurnPreview?
    private var error: String?

    /// The turns of `sessionId`; `label` names it in the header.
    public init(sessionId: String, label: String? = nil) {
        self.sessionId = sessionId
        self.label = label
    }

    public var title: String {
        let name = label.flatMap { $0.split(separator: "\n").first.map(String.init) } ?? sessionId
        return TerminalText.truncate(name, to: 28)
    }

    public var bindings: [KeyBinding] {
        [KeyBinding([.character("t")], .showTree, "trace timeline", footer: true)]
    }

    public var liveStatus: LiveStatus? { list.following ? .following : .paused(newRows: list.newRowsByCount) }

    public var focusedText: String? {
        list.selected.map { "turn \($0.number)\t\($0.model ?? "")\t\($0.id)" }
    }

    public func reload(_ context: BrowserContext) {
        let filter = context.filter
        let sessionId = self.sessionId
        do {
            try list.reload(
                height: rowsShown(context),
                fetch: { try context.store.turnWindow(inSession: sessionId, filter: filter, offset: $0, limit: $1) },
                position: { try context.store.turnPosition(id: $0, inSession: sessionId, filter: filter) })
            maximumCost = try context.store.maximumTurnCost(inSession: sessionId)
            mirrorMarks = try context.store.mirrorMarks(observations: list.window.items.map(\.id))
            error = nil
            if context.contentSize.width >= 140 { loadPreview(context) }
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
        if area.width >= 140 {
            let parts = area.splitColumns(leftWidth: max(100, area.width * 60 / 100))
            listArea = parts.left
            preview?.draw(into: &buffer, area: parts.right, context: context)
        }
        if list.window.total == 0 {
            buffer.write(
                context.filter.isEmpty ? "No LLM calls in this session yet." : "No turn matches the filter (F clears it).",
                x: listArea.x + 1, y: listArea.y + 1, style: theme.dimmed)
            return
        }
        TurnsTable.table(context: context, maximumCost: maximumCost, mirrorMarks: mirrorMarks).draw(
            list.window.items, selected: list.selectedRow, into: &buffer, area: listArea, theme: theme,
            rowStyle: { $0.isError ? theme.error : nil })
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        switch command {
        case .open:
            guard let turn = list.selected else { return .stay }
            return .push(TurnDetailScreen(turnId: turn.id))
        case .showTree:
            guard let turn = list.selected else { return .stay }
            return .push(TraceTreeScreen(traceId: turn.traceId, focusedObservationId: turn.id))
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

    private func loadPreview(_ context: BrowserContext) {
        guard let selected = list.selected else { preview = nil; return }
        if preview?.turnId == selected.id, selected.hashValue == preview?.summaryHash { return }
        // The preview shows what is new in the turn: the history is not read.
        preview = TurnPreview(
            turn: try? context.store.turn(id: selected.id, includingHistory: false), summary: selected, context: context)
    }

    private func rowsShown(_ context: BrowserContext) -> Int { max(1, context.contentSize.height - 1) }
}
