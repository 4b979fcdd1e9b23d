/// How the browser uses the terminal: colour, mouse, and how often it looks for new records.
public struct TerminalOptions: Sendable {
    /// The look; `theme.usesColor` false draws with attributes only (`--no-color`, `NO_COLOR`).
    public var theme: Theme
    /// Whether wheel and clicks are reported (`--no-mouse` turns it off, giving the terminal's own
    /// text selection back).
    public var mouse: Bool
    /// How long to wait for a key before looking at the store again, in milliseconds.
    public var refreshMilliseconds: Int
    /// Shown in the header: where the embedded collector listens, or why it does not.
    public var collectorStatus: String?
    /// Whether this process mirrors to Langfuse, for the header.
    public var mirror: MirrorDisplay?
    /// A message for the footer when the browser opens (a warning about the mirror, say).
    public var openingMessage: String?

    public init(
        theme: Theme, mouse: Bool = true, refreshMilliseconds: Int = 100, collectorStatus: String? = nil,
        mirror: MirrorDisplay? = nil, openingMessage: String? = nil
    ) {
        self.theme = theme
        self.mouse = mouse
        self.refreshMilliseconds = refreshMilliseconds
        self.collectorStatus = collectorStatus
        self.mirror = mirror
        self.openingMessage = openingMessage
    }
}
