/// A key press or mouse action in the browser's own terms, independent of ncurses key codes.
public enum Key: Sendable, Hashable {
    /// A printable character (letters, digits, punctuation, any Unicode the user types).
    case character(Character)
    /// A control chord such as Ctrl-D, named by its lowercase letter.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// A function key F1…F12.
    case function(Int)
    /// The terminal changed size.
    case resize
    /// A mouse action at a cell.
    case mouse(MouseEvent)

    /// How the help screen and the footer name the key.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "^" + c.uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        case .mouse: "mouse"
        }
    }
}

/// A mouse action: a wheel step or a click at a cell.
public struct MouseEvent: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case press
        case doublePress
        case wheelUp
        case wheelDown
    }

    public var action: Action
    public var x: Int
    public var y: Int

    public init(action: Action, x: Int, y: Int) {
        self.action = action
        self.x = x
        self.y = y
    }
}
