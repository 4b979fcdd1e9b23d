import TurnscopeIngest
import TurnscopeModel

/// One record as raw JSON, in the native form `turnscope export` writes: every field the store
/// holds, keys sorted, pretty-printed with the JSON styles.
///
/// Laid out once per width. A record of any size stays responsive: at most `limit` lines are laid
/// out, and `y`/`o` hand over the whole text.
public final class RawRecordScreen: Screen {
    /// Lines laid out at most; the rest is for the pager.
    static let limit = 20_000
    private let value: JSONValue
    private let name: String
    private var document = DocumentView()
    private var laidOutWidth: Int?

    /// The raw view of an observation.
    public init(observation: ObservationRecord) {
        value = NativeFormat.json(.observation(observation))
        name = observation.id
    }

    public var title: String { "Raw" }
    public var bindings: [KeyBinding] { [] }
    public var followsStore: Bool { false }
    /// The whole record, pretty-printed: what `y` copies and `o` pages.
    public var focusedText: String? { JSONText.pretty(value) }

    public func reload(_ context: BrowserContext) {
        layOut(width: context.contentSize.width, theme: context.theme)
    }

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        layOut(width: area.width, theme: context.theme)
        document.draw(into: &buffer, area: area, theme: context.theme)
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        document.perform(command, height: context.contentSize.height) ? .stay : .unhandled
    }

    public func mouse(_ event: MouseEvent, area: Rect, context: BrowserContext) -> Navigation {
        switch event.action {
        case .wheelUp: document.scrollBy(-3, height: area.height)
        case .wheelDown: document.scrollBy(3, height: area.height)
        case .press, .doublePress: _ = document.click(row: event.y - area.y, height: area.height)
        }
        return .stay
    }

    private func layOut(width: Int, theme: Theme) {
        guard width != laidOutWidth else { return }
        laidOutWidth = width
        let logical = PrettyJSON.lines(value, theme: theme, limit: Self.limit)
        var lines = [StyledLine([Span("Raw record ", theme.title), Span(name, theme.dimmed)])]
        for line in logical.lines {
            if lines.count > Self.limit { break }
            lines += PrettyJSON.wrap(line, width: width - 1, maxLines: Self.limit)
        }
        if logical.total > logical.lines.count {
            lines.append(StyledLine("… \(logical.total - logical.lines.count) more lines — o opens the whole record in $PAGER", theme.dimmed))
        }
        document.setLines(lines)
    }
}
