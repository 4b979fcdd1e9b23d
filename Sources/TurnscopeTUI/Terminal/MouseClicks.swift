/// Turns button presses into single and double presses.
///
/// ncurses can detect double clicks itself, but only by delaying every click by `mouseinterval`;
/// with the interval at 0 a click acts at once, and a second press on the same cell soon after is
/// reported as a double press here.
public struct MouseClicks: Sendable {
    /// How close in time two presses must be to make a double press.
    public var interval: Double
    private var last: (x: Int, y: Int, time: Double)?

    public init(interval: Double = 0.4) {
        self.interval = interval
    }

    /// The action for a press at (x, y) at `time` seconds (any monotonic clock).
    public mutating func press(x: Int, y: Int, time: Double) -> MouseEvent.Action {
        if let last, last.x == x, last.y == y, time - last.time <= interval {
            self.last = nil  // a third press starts over rather than making another double
            return .doublePress
        }
        last = (x, y, time)
        return .press
    }
}
