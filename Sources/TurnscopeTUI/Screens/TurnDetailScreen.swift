import TurnscopeModel
import TurnscopeStore

/// One turn in full. (Placeholder: being built.)
public final class TurnDetailScreen: Screen {
    public let turnId: String
    private var document = DocumentView()

    public init(turnId: String) {
        self.turnId = turnId
    }

    public var title: String { "Turn" }
    public var bindings: [KeyBinding] { [] }
    public var followsStore: Bool { false }

    public func reload(_ context: BrowserContext) {
        document.setLines([StyledLine(turnId)])
    }

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        document.draw(into: &buffer, area: area, theme: context.theme)
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation {
        document.perform(command, height: context.contentSize.height) ? .stay : .unhandled
    }
}
