import TurnscopeModel
import TurnscopeStore

/// A trace's observations as a tree with a timeline bar each. (Placeholder: being built.)
public final class TraceTreeScreen: Screen {
    public let traceId: String
    private let focusedObservationId: String?

    public init(traceId: String, focusedObservationId: String? = nil) {
        self.traceId = traceId
        self.focusedObservationId = focusedObservationId
    }

    public var title: String { "Trace" }
    public var bindings: [KeyBinding] { [] }
    public var followsStore: Bool { true }

    public func reload(_ context: BrowserContext) {}

    public func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        buffer.write(traceId, x: area.x, y: area.y)
    }

    public func perform(_ command: Command, context: BrowserContext) -> Navigation { .unhandled }
}
