import TurnscopeModel
import TurnscopeStore

/// Where the money and tokens went: totals and cache hit ratio, sparklines per day, and tables by
/// model, by day, and of the most expensive turns (Enter opens one). Tab moves between the tables.
///
/// The browse filter applies (model, user, tag, errors, cost, since, until), so `since:7d` gives a
/// week's bill. The sums come from the totals the store keeps by day and model, unless the filter
/// names a user, tag, source, project or cost, which sum every call. The screen follows the store,
/// but re-reads at most every few seconds while nothing else changes: such a sum on every commit
/// of a busy tail would cost more than the screen is worth.
public final class StatsScreen: Screen {
    private var snapshot = StatsSnapshot.empty
    private var focus = StatsSection.models
    private var cursors: [StatsSection: RowCursor] = [:]
    private var loadedFilter: BrowseFilter?
    private var loadedAt: Timestamp?
    private var error: String?

    /// Seconds between re-reads while following the store with the same filter.
    static let refreshInterval = 5.0

    public init() {}

    public var title: String { "Stats" }

    public var bindings: [KeyBinding] {
        [
            KeyBinding([.tab], .nextPane, "next table", footer: true),
            KeyBinding([.backTab], .previousPane, "previous table"),
            KeyBinding([.character("r")], .follow, "re-read now"),
        ]
    }

    public var focusedText: String? {
        let index = cursor(focus).index
        switch focus {
        case .models: return snapshot.byModel.indices.contains(index) ? Self.describe(snapshot.byModel[index]) : nil
        case .days: return snapshot.days.indices.contains(index) ? Self.describe(snapshot.days[index]) : nil
        case .turns:
            guard snapshot.topTurns.indices.contains(index) else { return nil }
            let turn = snapshot.topTurns[index]
            return "\(turn.sessionId)\tturn \(turn.number)\t\(turn.model ?? "")\t\(Formatting.money(turn.cost))\t\(turn.id)"
        }
    }

    public func reload(_ context: BrowserContext) {
        if loadedFilter == context.filter, let loadedAt, loadedAt.seconds(until: context.now) < Self.refreshInterval {
            clampCursors(context)
            return
        }
        load(context)
    }

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        let theme = context.theme
        if let error {
            buffer.write(error, x: area.x + 1, y: area.y, style: theme.error)
            return
        }
        for (row, line) in StatsSummary.lines(snapshot, width: area.width, theme: theme).enumerated() {
            line.draw(into: &buffer, x: area.x, y: area.y + row, width: area.width)
        }
        let layout = self.layout(area)
        if !layout.hasTitles, let rect = layout.sections[focus] { drawTabStrip(into: &buffer, area: rect, theme: theme) }
        for section in StatsSection.allCases {
            guard let rect = layout.sections[section] else { continue }
            if layout.hasTitles {
                let title = " " + section.title + " "
                buffer.write(title, x: rect.x, y: rect.y, style: section == focus ? theme.title.reversed : theme.title)
            }
            drawTable(section, into: &buffer, area: rect.droppingTop(1), context: context)
        }
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        switch command {
        case .nextPane, .previousPane:
            focus = focus.advanced(by: command == .nextPane ? 1 : -1)
            // The focused table may have grown: keep its cursor in view.
            clampCursors(context)
            return .stay
        case .follow:
            load(context)
            return .message("stats re-read")
        case .open:
            guard focus == .turns else { return .message("Tab to the most expensive turns; Enter opens one") }
            let index = cursor(focus).index
            guard snapshot.topTurns.indices.contains(index) else { return .stay }
            return .push(TurnDetailScreen(turnId: snapshot.topTurns[index].id))
        default:
            let layout = self.layout(contentArea(context))
            var moved = cursor(focus)
            guard moved.move(command, count: rowCount(focus), height: layout.rowsShown(focus)) else { return .unhandled }
            cursors[focus] = moved
            return .stay
        }
    }

    public func mouse(_ event: MouseEvent, area: Rect, context: BrowserContext) -> Navigation {
        listMouse(event, context: context) {
            let layout = self.layout(area)
            guard let hit = layout.sections.first(where: { $0.value.contains(x: event.x, y: event.y) }) else { return false }
            let (section, rect) = (hit.key, hit.value)
            if layout.hasTitles { focus = section }
            let row = event.y - rect.y - 2
            var moved = cursor(section)
            let shown = moved.visible(count: rowCount(section), height: layout.rowsShown(section))
            guard row >= 0, shown.lowerBound + row < shown.upperBound else { return false }
            moved.select(shown.lowerBound + row, count: rowCount(section), height: layout.rowsShown(section))
            cursors[section] = moved
            return true
        }
    }

    // MARK: Loading and layout

    private func load(_ context: BrowserContext) {
        do {
            snapshot = try StatsSnapshot.load(from: context.store, filter: context.filter)
            error = nil
        } catch {
            self.error = "\(error)"
        }
        loadedFilter = context.filter
        loadedAt = context.now
        clampCursors(context)
    }

    private func layout(_ area: Rect) -> StatsLayout {
        StatsLayout(
            area: area, focus: focus,
            rowCounts: Dictionary(uniqueKeysWithValues: StatsSection.allCases.map { ($0, rowCount($0)) }))
    }

    /// The content area as the browser lays it out, for commands (which come without an area).
    private func contentArea(_ context: BrowserContext) -> Rect {
        Rect(x: 0, y: 0, width: context.contentSize.width, height: context.contentSize.height)
    }

    private func cursor(_ section: StatsSection) -> RowCursor { cursors[section] ?? RowCursor() }

    private func rowCount(_ section: StatsSection) -> Int {
        switch section {
        case .models: snapshot.byModel.count
        case .days: snapshot.days.count
        case .turns: snapshot.topTurns.count
        }
    }

    private func clampCursors(_ context: BrowserContext) {
        let layout = self.layout(contentArea(context))
        for section in StatsSection.allCases {
            var clamped = cursor(section)
            clamped.clamp(count: rowCount(section), height: layout.rowsShown(section))
            cursors[section] = clamped
        }
    }

    // MARK: Drawing

    /// ` By model │ By day │ Most expensive turns ` with the focused one reversed.
    private func drawTabStrip(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
        var x = area.x
        for section in StatsSection.allCases {
            if section.rawValue > 0 { x += buffer.write(" │ ", x: x, y: area.y, style: theme.dimmed) }
            x += buffer.write(" " + section.title + " ", x: x, y: area.y, style: section == focus ? theme.title.reversed : theme.dimmed)
        }
        buffer.write("  Tab switches", x: x, y: area.y, style: theme.dimmed)
    }

    private func drawTable(_ section: StatsSection, into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        let theme = context.theme
        let count = rowCount(section)
        if count == 0 {
            buffer.write(
                context.filter.isEmpty ? "No LLM calls yet." : "No LLM call matches the filter (F clears it).",
                x: area.x + 1, y: area.y + 1, style: theme.dimmed)
            return
        }
        let current = cursor(section)
        let shown = current.visible(count: count, height: area.height - 1)
        let selected = section == focus ? current.index - shown.lowerBound : nil
        switch section {
        case .models:
            let maximum = snapshot.byModel.map(\.cost).max() ?? 0
            StatsTables.fitted(width: area.width) { StatsTables.models(theme: theme, maximumCost: maximum, barWidth: $0) }
                .draw(Array(snapshot.byModel[shown]), selected: selected, into: &buffer, area: area, theme: theme)
        case .days:
            let maximum = snapshot.days.map(\.cost).max() ?? 0
            StatsTables.fitted(width: area.width) { StatsTables.days(theme: theme, maximumCost: maximum, barWidth: $0) }
                .draw(Array(snapshot.days[shown]), selected: selected, into: &buffer, area: area, theme: theme)
        case .turns:
            let maximum = snapshot.topTurns.first?.cost ?? 0
            let rows = shown.map { (rank: $0 + 1, turn: snapshot.topTurns[$0]) }
            StatsTables.fitted(width: area.width) { StatsTables.turns(theme: theme, maximumCost: maximum, barWidth: $0) }
                .draw(rows, selected: selected, into: &buffer, area: area, theme: theme,
                      rowStyle: { $0.turn.isError ? theme.error : nil })
        }
    }

    private static func describe(_ stats: UsageStats) -> String {
        "\(stats.group)\tcalls \(stats.calls)\tcost \(Formatting.money(stats.cost))\tunpriced \(stats.unpricedCalls)\t"
            + "in \(stats.usage.input ?? 0)\tcache read \(stats.usage.cacheRead ?? 0)\tcache write \(stats.usage.cacheWrite)\t"
            + "out \(stats.usage.output ?? 0)"
    }
}
