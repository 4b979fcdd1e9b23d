import TurnscopeModel
import TurnscopeStore

/// A trace's observations as an indented tree with a timeline (waterfall) bar each: spans, tools,
/// retrievers and LLM calls, where each started and how long it took within the whole trace.
///
/// A trace is one request of an application, so it is read whole; it follows the store, so a
/// running trace grows on screen. The cursor is kept by observation id across reloads and folds.
public final class TraceTreeScreen: Screen {
    public let traceId: String
    private let focusedObservationId: String?
    private var nodes: [ObservationNode] = []
    private var rows: [TreeRow] = []
    private var folded: Set<String> = []
    private var cursor = RowCursor()
    private var selectedId: String?
    private var heading: TraceHeading?
    private var waterfall: Waterfall?
    private var error: String?
    private var hasLoaded = false

    /// The tree of `traceId`, with the cursor on `focusedObservationId` when given (a search hit, the
    /// turn the user came from).
    public init(traceId: String, focusedObservationId: String? = nil) {
        self.traceId = traceId
        self.focusedObservationId = focusedObservationId
    }

    public var title: String {
        let name = heading?.name.flatMap { $0.split(separator: "\n").first.map(String.init) } ?? traceId
        return "Trace " + TerminalText.truncate(name, to: 28)
    }

    public var bindings: [KeyBinding] {
        [
            KeyBinding([.character(" "), .character("z")], .toggleFold, "fold / unfold", footer: true),
            KeyBinding([.character("e")], .expandAll, "fold / unfold all"),
        ]
    }

    public var followsStore: Bool { true }

    public var focusedText: String? { selectedRow.map { TraceTreeTable.describe($0.node) } }

    private var selectedRow: TreeRow? { rows.indices.contains(cursor.index) ? rows[cursor.index] : nil }

    public func reload(_ context: BrowserContext) {
        do {
            nodes = try context.store.observationTree(traceId: traceId)
            heading = try context.store.traceHeading(id: traceId)
            error = nil
        } catch {
            self.error = "\(error)"
        }
        waterfall = Waterfall(nodes: nodes)
        if !hasLoaded {
            selectedId = focusedObservationId
            hasLoaded = true
        }
        layout(context)
    }

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        let theme = context.theme
        if let error {
            buffer.write(error, x: area.x + 1, y: area.y, style: theme.error)
            return
        }
        summary(context).draw(into: &buffer, x: area.x, y: area.y, width: area.width)
        let tableArea = area.droppingTop(1)
        if rows.isEmpty {
            buffer.write("No observations in this trace yet.", x: area.x + 1, y: tableArea.y + 1, style: theme.dimmed)
            return
        }
        let shown = cursor.visible(count: rows.count, height: tableArea.height - 1)
        TraceTreeTable.draw(
            Array(rows[shown]), selected: cursor.index - shown.lowerBound, waterfall: waterfall, into: &buffer,
            area: tableArea, theme: theme)
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        switch command {
        case .open:
            guard let row = selectedRow else { return .stay }
            if row.node.kind == .generation { return .push(TurnDetailScreen(turnId: row.node.id)) }
            if row.childCount > 0 { return toggleFold(row, context: context) }
            return .message("\(row.node.kind.rawValue) \(TraceTreeTable.name(of: row.node)): nothing to open")
        case .toggleFold:
            guard let row = selectedRow else { return .stay }
            if row.childCount == 0 { return .message("nothing to fold here") }
            return toggleFold(row, context: context)
        case .expandAll:
            if folded.isEmpty {
                // Fold every subtree but the roots' own, so the top level stays readable.
                folded = Set(rows.filter { $0.childCount > 0 && $0.node.depth > 0 }.map(\.id))
                if folded.isEmpty { folded = Set(rows.filter { $0.childCount > 0 }.map(\.id)) }
            } else {
                folded = []
            }
            layout(context)
            return .stay
        default:
            guard cursor.move(command, count: rows.count, height: rowsShown(context)) else { return .unhandled }
            selectedId = selectedRow?.id
            return .stay
        }
    }

    public func mouse(_ event: MouseEvent, area: Rect, context: BrowserContext) -> Navigation {
        listMouse(event, context: context) {
            // Row 0 is the summary, row 1 the heading.
            let row = event.y - area.y - 2
            let shown = cursor.visible(count: rows.count, height: rowsShown(context))
            guard row >= 0, shown.lowerBound + row < shown.upperBound else { return false }
            cursor.select(shown.lowerBound + row, count: rows.count, height: rowsShown(context))
            selectedId = selectedRow?.id
            return true
        }
    }

    private func toggleFold(_ row: TreeRow, context: BrowserContext) -> Navigation {
        if folded.contains(row.id) { folded.remove(row.id) } else { folded.insert(row.id) }
        layout(context)
        return .stay
    }

    /// Rebuilds the visible rows and puts the cursor back on the selected observation, or on its
    /// nearest visible ancestor when a fold hides it.
    private func layout(_ context: BrowserContext) {
        rows = TreeOutline.rows(of: nodes, folded: folded)
        let parents = Dictionary(nodes.map { ($0.id, $0.parentId) }, uniquingKeysWith: { first, _ in first })
        var target = selectedId
        var steps = 0
        while let id = target, steps <= nodes.count {
            if let index = rows.firstIndex(where: { $0.id == id }) {
                cursor.select(index, count: rows.count, height: rowsShown(context))
                break
            }
            target = parents[id] ?? nil
            steps += 1
        }
        cursor.clamp(count: rows.count, height: rowsShown(context))
        selectedId = selectedRow?.id
    }

    private func rowsShown(_ context: BrowserContext) -> Int { max(1, context.contentSize.height - 2) }

    /// The trace in one line: name, session, counts, total time, tokens, cost, errors.
    private func summary(_ context: BrowserContext) -> StyledLine {
        let theme = context.theme
        var line = StyledLine(" " + (heading?.name.map { $0.replacingNewlines } ?? traceId), theme.title)
        func fact(_ text: String, _ style: Style) {
            line.append(" · ", theme.dimmed)
            line.append(text, style)
        }
        if let heading, !heading.sessionIsAutomatic { fact(heading.sessionId, theme.dimmed) }
        fact("\(nodes.count) observation\(nodes.count == 1 ? "" : "s")", theme.dimmed)
        if let waterfall { fact(Formatting.duration(waterfall.duration), .plain) }
        let usages = nodes.compactMap { $0.kind == .generation ? $0.usage : nil }
        if !usages.isEmpty {
            let input = usages.reduce(Int64(0)) { $0 + $1.promptTokens }
            let output = usages.reduce(Int64(0)) { $0 + ($1.output ?? 0) }
            fact("in \(Formatting.tokens(input)) out \(Formatting.tokens(output))", theme.dimmed)
        }
        let costs = nodes.compactMap(\.cost)
        if !costs.isEmpty { fact(Formatting.money(costs.reduce(0, +)), theme.money) }
        let errors = nodes.filter { $0.level == .error }.count
        if errors > 0 { fact("\(errors) error\(errors == 1 ? "" : "s")", theme.error) }
        if nodes.contains(where: { $0.endTime == nil && $0.kind != .event && $0.startTime != nil }) {
            fact("running", theme.warning)
        }
        return line
    }
}
