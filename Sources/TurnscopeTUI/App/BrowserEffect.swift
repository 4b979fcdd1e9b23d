/// Something the browser asks its terminal to do beyond painting the next frame.
public enum BrowserEffect: Sendable, Equatable {
    /// Leave the browser and restore the terminal.
    case quit
    /// Put text on the clipboard (OSC 52).
    case copy(String)
    /// Show text in `$PAGER`, suspending the browser meanwhile.
    case openInPager(String)
}
