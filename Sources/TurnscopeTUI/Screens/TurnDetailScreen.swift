import Foundation
import TurnscopeModel
import TurnscopeStore

/// One turn in full: the header, the prompt as a chat with what is new in this turn marked and
/// the repeated history folded, the completion with each tool call paired with its result, usage
/// and cost by part, and the rest of the record.
///
/// The turn is read once when the screen opens and laid out once per width and fold change, never
/// per frame; values longer than a screenful are capped behind "… N more lines" folds. The
/// prompt's history (what the previous turn already sent, often hundreds of messages) is folded,
/// so it is read only when something needs it: unfolding it, expanding all, copying or paging it,
/// the raw record, or a search match not found in the rest. On wide terminals the conversation and
/// the completion sit side by side and Tab moves between them.
public final class TurnDetailScreen: Screen {
    /// The generation shown.
    public let turnId: String
    private var turn: LoadedTurn?
    /// Where the turn was read from, to read its history later.
    private var store: TraceStore?
    private var problem: String?
    private var folds = FoldState()
    private var terms: [String] = []
    /// The fixed header (wide only), one document per pane, and their views.
    private var header: [StyledLine] = []
    private var documents: [DetailDocument] = []
    private var views: [DocumentView] = []
    private var focus = 0
    /// What the current layout was built for, so it is rebuilt only when that changes.
    private var builtFor: (width: Int, folds: FoldState)?
    private var area = Rect(x: 0, y: 0, width: 80, height: 22)
    /// The theme the documents were last built with, to rebuild them outside a draw.
    private var theme = Theme()
    private var landed = false

    /// The turn with observation id `turnId`.
    public init(turnId: String) {
        self.turnId = turnId
    }

    /// "Turn N" once the turn is read.
    public var title: String { turn.map { "Turn \($0.detail.summary.number)" } ?? "Turn" }

    /// Folding, stepping between turns, the raw record and the timeline; help and footer list them.
    public var bindings: [KeyBinding] {
        [
            KeyBinding([.enter, .character(" ")], .toggleFold, "fold", footer: true),
            KeyBinding([.character("l"), .right], .open, "fold (never pages)"),
            KeyBinding([.character("e")], .expandAll, "expand all", footer: true),
            KeyBinding([.character("]")], .nextTurn, "next turn", footer: true),
            KeyBinding([.character("[")], .previousTurn, "previous turn"),
            KeyBinding([.character("r")], .showRaw, "raw JSON", footer: true),
            KeyBinding([.character("t")], .showTree, "timeline", footer: true),
        ]
    }

    /// A turn being read keeps still while others land.
    public var followsStore: Bool { false }

    /// The focused message, tool call, result or fold, as plain text.
    public var focusedText: String? {
        guard views.indices.contains(focus) else { return nil }
        let view = views[focus]
        guard let anchor = view.focusedAnchor else {
            // A blank or title line: its own text, if it has any.
            let text = view.lines.indices.contains(view.cursor) ? view.lines[view.cursor].plainText : ""
            return text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
        }
        if anchor == "fold:history", turn?.historyIsOmitted == true {
            readHistory()
            builtFor = nil
            layOut(area, theme: theme)
        }
        let texts = documents[focus].texts
        if anchor.hasPrefix("fold:") { return texts[anchor] }
        let block = String(anchor.prefix { $0 != "#" })
        return texts[block] ?? view.lines[view.cursor].plainText
    }

    public func reload(_ context: BrowserContext) {
        terms = context.search?.terms ?? []
        if turn == nil, problem == nil { load(context) }
        let size = context.contentSize
        layOut(Rect(x: 0, y: 0, width: size.width, height: size.height), theme: context.theme)
    }

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        let theme = context.theme
        if let problem {
            buffer.write(problem, x: area.x + 1, y: area.y + 1, style: theme.error)
            return
        }
        layOut(area, theme: theme)
        let geometry = TurnLayout.geometry(area, headerLines: header.count, panes: views.count)
        for (row, line) in header.prefix(geometry.header.height).enumerated() {
            line.draw(into: &buffer, x: area.x + 1, y: area.y + row, width: area.width - 1)
        }
        for (index, rect) in geometry.panes.enumerated() where views.indices.contains(index) {
            views[index].draw(into: &buffer, area: rect, theme: theme)
            if index != focus { hideCursor(of: views[index], in: rect, buffer: &buffer) }
        }
        if geometry.panes.count == 2 {
            let gap = geometry.panes[0].maxX
            for y in geometry.panes[0].y..<geometry.panes[0].maxY { buffer.write("│", x: gap, y: y, style: theme.dimmed) }
        }
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        guard let turn else { return .unhandled }
        let detail = turn.detail
        switch command {
        case .toggleFold, .open:
            guard views.indices.contains(focus), let anchor = views[focus].focusedAnchor, anchor.hasPrefix("fold:") else {
                if command == .toggleFold, views.indices.contains(focus) { _ = views[focus].perform(.pageDown, height: paneHeight) }
                return .stay
            }
            toggle(String(anchor.dropFirst("fold:".count)), theme: context.theme)
        case .expandAll:
            folds.toggleAll()
            layOut(area, theme: context.theme)
        case .nextTurn:
            guard let next = detail.nextTurnId else { return .message("turn \(detail.summary.number) is the session's last") }
            return .replace(TurnDetailScreen(turnId: next))
        case .previousTurn:
            guard let previous = detail.previousTurnId else { return .message("this is the session's first turn") }
            return .replace(TurnDetailScreen(turnId: previous))
        case .showRaw:
            // The raw record is the whole record.
            readHistory()
            return .push(RawRecordScreen(observation: self.turn?.detail.observation ?? detail.observation))
        case .showTree:
            return .push(TraceTreeScreen(traceId: detail.summary.traceId, focusedObservationId: turnId))
        case .nextPane, .previousPane:
            if views.count > 1 { focus = (focus + 1) % views.count }
        default:
            guard views.indices.contains(focus), views[focus].perform(command, height: paneHeight) else { return .unhandled }
        }
        return .stay
    }

    public func mouse(_ event: MouseEvent, area: Rect, context: BrowserContext) -> Navigation {
        let geometry = TurnLayout.geometry(area, headerLines: header.count, panes: views.count)
        guard let index = geometry.panes.firstIndex(where: { $0.contains(x: event.x, y: event.y) }) ?? (views.isEmpty ? nil : focus)
        else { return .stay }
        let rect = geometry.panes[index]
        switch event.action {
        case .wheelUp: views[index].scrollBy(-3, height: rect.height)
        case .wheelDown: views[index].scrollBy(3, height: rect.height)
        case .press, .doublePress:
            focus = index
            guard views[index].click(row: event.y - rect.y, height: rect.height) != nil else { return .stay }
            if event.action == .doublePress { return perform(.open, context: context) }
        }
        return .stay
    }

    // MARK: - Loading and layout

    private func load(_ context: BrowserContext) {
        do {
            guard let detail = try context.store.turn(id: turnId, includingHistory: false) else {
                problem = "No LLM call \(turnId) in this database."
                return
            }
            let store = context.store
            self.store = store
            let sessionTurns = (try? store.session(id: detail.summary.sessionId))??.turnCount
            // The next turn is read for the results of this turn's tool calls, which are new there.
            turn = LoadedTurn(detail: detail, sessionTurns: sessionTurns) {
                detail.nextTurnId.flatMap { try? store.turn(id: $0, includingHistory: false) }
            }
            if turn?.resultsNeedHistory == true { readHistory() }
            if let mark = (try? store.mirrorMarks(observations: [turnId]))?[turnId] {
                turn?.mirror = (mark, try? store.mirrorLink(observation: turnId))
            }
        } catch {
            problem = "Could not read turn \(turnId): \(error)"
        }
    }

    /// Reads the prompt's history if it was left out; a read that fails leaves it folded.
    private func readHistory() {
        guard let store, turn?.historyIsOmitted == true else { return }
        try? turn?.readHistory(from: store)
    }

    /// Rebuilds the documents when the width or the folds changed; cursors stay on their anchors.
    private func layOut(_ area: Rect, theme: Theme) {
        self.area = area
        self.theme = theme
        guard turn != nil else { return }
        if let built = builtFor, built.width == area.width, built.folds == folds { return }
        if folds.isOpen("history") { readHistory() }
        guard let turn else { return }
        let built = TurnLayout.build(turn, width: area.width, theme: theme, terms: terms, folds: folds)
        if views.count != built.panes.count {
            views = built.panes.map { _ in DocumentView() }
            focus = 0
            landed = false
        }
        header = built.header
        documents = built.panes
        for (index, document) in built.panes.enumerated() {
            views[index].setLines(document.lines, anchors: document.anchors)
        }
        builtFor = (area.width, folds)
        if !landed {
            landed = true
            land(theme: theme)
        }
    }

    /// Puts the cursor where reading starts: on the first search match (opening the folds that
    /// hide one), else on the prompt's first line.
    private func land(theme: Theme) {
        if !terms.isEmpty {
            // No match in what was read: it may be in the history, read only now.
            if !documents.contains(where: { $0.firstMatch != nil }), turn?.historyIsOmitted == true {
                readHistory()
                builtFor = nil
                layOut(area, theme: theme)
            }
            // A match may hide in the history, and inside it in a folded system prompt: open
            // folds until one shows, a few levels at most.
            for _ in 0..<3 where !documents.contains(where: { $0.firstMatch != nil }) {
                let hiding = documents.flatMap(\.foldsHidingMatches)
                guard !hiding.isEmpty else { break }
                hiding.forEach { folds.open($0) }
                builtFor = nil
                layOut(area, theme: theme)
            }
            if let pane = documents.firstIndex(where: { $0.firstMatch != nil }), let line = documents[pane].firstMatch {
                focus = pane
                views[pane].jump(to: line, height: paneHeight, atTop: true)
                return
            }
        }
        for (index, document) in documents.enumerated() {
            views[index].jump(to: document.landing ?? 0, height: paneHeight)
        }
    }

    private func toggle(_ fold: String, theme: Theme) {
        let line = views[focus].cursor
        folds.toggle(fold)
        layOut(area, theme: theme)
        // An expanded value's toggle moves to its end; keep reading from where its cap was.
        if fold.hasPrefix("cap:"), folds.isOpen(fold) { views[focus].jump(to: line, height: paneHeight) }
    }

    /// Rows a pane shows, for paging.
    private var paneHeight: Int {
        let geometry = TurnLayout.geometry(area, headerLines: header.count, panes: max(1, views.count))
        return max(1, geometry.panes.first?.height ?? area.height)
    }

    /// The unfocused pane keeps its place but shows no cursor mark.
    private func hideCursor(of view: DocumentView, in rect: Rect, buffer: inout ScreenBuffer) {
        let row = view.cursor - view.scroll
        if row >= 0, row < rect.height { buffer.write(" ", x: rect.x, y: rect.y + row) }
    }
}
