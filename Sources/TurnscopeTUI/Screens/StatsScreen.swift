import TurnscopeModel
import TurnscopeStore

/// Cost and tokens by model and by day. (Placeholder: being built.)
public final class StatsScreen: Screen {
    public init() {}

    public var title: String { "Stats" }
    public var bindings: [KeyBinding] { [] }

    public func reload(_ context: BrowserContext) {}

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {}

    public func perform(_ command: Command, context: BrowserContext) -> Navigation { .unhandled }
}
