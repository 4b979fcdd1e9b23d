import Foundation
import TurnscopeModel
import TurnscopeStore

/// The browser's event loop on a real terminal: read a key (or time out), let the browser act,
/// look for new commits, and repaint only when something changed.
///
/// It runs synchronously on the calling thread until the browser quits; ncurses must be used from
/// that thread alone. Waiting for a key with a timeout is also the live tail's clock: every tick
/// reads the store's change token (one integer), and a frame is drawn only after a key, a resize,
/// a commit, or the turn of a second (ages such as "5s" move on).
public final class TerminalRunner {
    public let browser: Browser
    public let terminal: NcursesTerminal
    private let refreshMilliseconds: Int

    public init(browser: Browser, terminal: NcursesTerminal, refreshMilliseconds: Int = 100) {
        self.browser = browser
        self.terminal = terminal
        self.refreshMilliseconds = max(10, refreshMilliseconds)
    }

    /// Opens the terminal, browses `store` until the user quits, and restores the terminal.
    public static func browse(store: TraceStore, options: TerminalOptions) throws(TerminalError) {
        let terminal = try NcursesTerminal(theme: options.theme, mouse: options.mouse)
        defer { terminal.close() }
        let context = BrowserContext(store: store, theme: options.theme)
        context.collectorStatus = options.collectorStatus
        context.mirror = options.mirror
        let browser = Browser(context: context, width: terminal.width, height: terminal.height)
        if let message = options.openingMessage { browser.show(message: message) }
        TerminalRunner(browser: browser, terminal: terminal, refreshMilliseconds: options.refreshMilliseconds).run()
    }

    /// Runs until the browser asks to quit.
    public func run() {
        var dirty = true
        var second = Self.currentSecond()
        while true {
            if dirty {
                var buffer = ScreenBuffer(width: terminal.width, height: terminal.height)
                browser.draw(into: &buffer)
                terminal.paint(buffer)
                dirty = false
            }
            if let key = terminal.readKey(timeoutMilliseconds: refreshMilliseconds) {
                dirty = true
                switch key {
                case .control("z"):
                    terminal.suspendToShell()
                    continue
                case .control("l"):
                    // The classic "redraw the screen" key, for a terminal something else scribbled on.
                    terminal.invalidate()
                    continue
                case .resize:
                    browser.resize(width: terminal.width, height: terminal.height)
                default: break
                }
                for effect in browser.handle(key) {
                    switch effect {
                    case .quit: return
                    case .copy(let text): terminal.copyToClipboard(text)
                    case .openInPager(let text):
                        terminal.suspend()
                        let failure = Pager.show(text, terminal: terminal.outputDescriptor)
                        terminal.resume()
                        if let failure { browser.show(message: failure) }
                    }
                }
            }
            if browser.refresh(now: .now) { dirty = true }
            let now = Self.currentSecond()
            if now != second {
                second = now
                browser.context.now = .now
                dirty = true
            }
        }
    }

    private static func currentSecond() -> Int { Int(Date().timeIntervalSince1970) }
}
