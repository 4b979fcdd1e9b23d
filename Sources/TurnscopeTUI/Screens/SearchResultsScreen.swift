import TurnscopeModel
import TurnscopeStore

/// The hits of the last search: where each piece of matching content first appeared. Enter opens
/// the turn with the match highlighted; `n`/`N` step through hits from anywhere.
public final class SearchResultsScreen: Screen {
    private var selected = 0
    private var top = 0

    public init() {}

    public var title: String { "Search" }
    public var bindings: [KeyBinding] { [] }
    public var followsStore: Bool { false }

    public var focusedText: String? { nil }

    /// The screen that shows a hit: the turn for an LLM call, else the trace with the observation focused.
    public static func screen(for hit: SearchHit) -> any Screen {
        if hit.observationKind == .generation, let id = hit.observationId { return TurnDetailScreen(turnId: id) }
        return TraceTreeScreen(traceId: hit.traceId ?? "", focusedObservationId: hit.observationId)
    }

    public func reload(_ context: BrowserContext) {
        selected = context.search?.index ?? 0
    }

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        guard let search = context.search else { return }
        let theme = context.theme
        let summary = "\(search.hits.count) match\(search.hits.count == 1 ? "" : "es") for “\(search.query)”"
        buffer.write(" " + summary, x: area.x, y: area.y, style: theme.title)
        let height = max(1, (area.height - 1) / 2)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        for (row, index) in (top..<min(search.hits.count, top + height)).enumerated() {
            let hit = search.hits[index]
            let y = area.y + 1 + row * 2
            var head = StyledLine()
            head.append(" " + Formatting.dateTime(hit.time) + "  ", theme.dimmed)
            head.append(hit.sessionId ?? "–")
            head.append("  " + (hit.observationKind?.rawValue ?? "") + " " + (hit.observationName ?? ""), theme.dimmed)
            if let role = hit.role { head.append("  " + role.rawValue, theme.role(role)) }
            head.draw(into: &buffer, x: area.x, y: y, width: area.width)
            Highlight.line(hit.snippet.replacingNewlines, terms: search.terms, base: .plain, theme: theme)
                .draw(into: &buffer, x: area.x + 3, y: y + 1, width: area.width - 3)
            if index == selected {
                buffer.restyle(Rect(x: area.x, y: y, width: area.width, height: 1)) { $0.reverse = true }
            }
        }
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        guard var search = context.search, !search.hits.isEmpty else { return .unhandled }
        switch command {
        case .down: selected = min(search.hits.count - 1, selected + 1)
        case .up: selected = max(0, selected - 1)
        case .pageDown, .halfPageDown: selected = min(search.hits.count - 1, selected + 5)
        case .pageUp, .halfPageUp: selected = max(0, selected - 5)
        case .top: selected = 0
        case .bottom: selected = search.hits.count - 1
        case .open:
            search.index = selected
            context.search = search
            return .push(Self.screen(for: search.hits[selected]))
        default: return .unhandled
        }
        search.index = selected
        context.search = search
        return .stay
    }

    public func mouse(_ event: MouseEvent, area: Rect, context: BrowserContext) -> Navigation {
        listMouse(event, context: context) {
            let row = (event.y - area.y - 1) / 2
            guard row >= 0, let count = context.search?.hits.count, top + row < count else { return false }
            selected = top + row
            context.search?.index = selected
            return true
        }
    }
}
