import Foundation
import TurnscopeModel
import TurnscopeStore

/// The browser's state and behaviour, independent of any terminal.
///
/// A terminal backend (or a test, or `bench browser`) feeds it keys and ticks and asks it to draw
/// into a `ScreenBuffer`; it answers with effects (quit, copy, pager). It keeps a stack of screens,
/// the search and filter prompts, and the live refresh: each tick it reads the store's change
/// token and reloads the screen on top only when something was committed.
public final class Browser {
    /// The store, theme, clock, filter and search every screen shares.
    public let context: BrowserContext
    /// The screens, root first; the last is shown.
    public private(set) var stack: [any Screen]
    /// The prompt being typed, if any.
    public private(set) var prompt: LineEditor?
    private var promptPurpose: PromptPurpose?
    /// A one-line message shown in the footer until the next key.
    public private(set) var message: String?
    private var lastChangeToken: Int64?
    private var size: (width: Int, height: Int)

    private enum PromptPurpose {
        case search
        case filter
    }

    /// A browser showing `root` (the sessions list by default) over a terminal of `width`×`height`.
    public init(context: BrowserContext, root: (any Screen)? = nil, width: Int = 80, height: Int = 24) {
        self.context = context
        stack = [root ?? SessionsScreen()]
        size = (width, height)
        layoutContent()
        lastChangeToken = try? context.store.changeToken()
        updateMirrorStatus()
        top.reload(context)
    }

    /// Recounts the mirror's outbox for the header.
    private func updateMirrorStatus() {
        guard let mirror = context.mirror else { return }
        context.mirrorStatus = mirror.status(try? context.store.mirrorCounts())
    }

    /// The screen on show.
    public var top: any Screen { stack[stack.count - 1] }

    /// Adapts to a new terminal size and reloads what is on show.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        layoutContent()
        top.reload(context)
    }

    /// Reloads the screen on top if the store changed since the last look; returns whether it did.
    @discardableResult
    public func refresh(now: Timestamp = .now) -> Bool {
        guard let token = try? context.store.changeToken(), token != lastChangeToken else { return false }
        lastChangeToken = token
        context.now = now
        updateMirrorStatus()
        if top.followsStore { top.reload(context) }
        return true
    }

    /// Shows a one-line message in the footer until the next key (what the terminal could not do).
    public func show(message text: String) {
        message = text
    }

    /// Handles one key; returns what the terminal must do besides redrawing.
    public func handle(_ key: Key) -> [BrowserEffect] {
        message = nil
        if key == .control("c") { return [.quit] }
        if prompt != nil { return handlePrompt(key) }
        if key == .resize { return [] }
        if case .mouse(let event) = key {
            apply(top.mouse(event, area: contentArea, context: context))
            return []
        }
        guard let command = KeyMap.command(for: key, local: top.bindings) else { return [] }
        let navigation = top.perform(command, context: context)
        if case .unhandled = navigation { return perform(command) }
        apply(navigation)
        return []
    }

    /// Draws the whole frame: header, filter bar, the screen on top, footer or prompt.
    public func draw(into buffer: inout ScreenBuffer) {
        buffer.fill(buffer.bounds)
        Chrome.drawHeader(stack: stack, context: context, into: &buffer)
        if !context.filter.isEmpty { Chrome.drawFilterBar(context.filter, context: context, into: &buffer) }
        top.draw(into: &buffer, area: contentArea, context: context)
        Chrome.drawFooter(
            bindings: KeyMap.effective(local: top.bindings), prompt: prompt, message: message, context: context,
            into: &buffer)
    }

    /// Renders a fresh frame of the current size (what tests and the benchmark read).
    public func frame() -> ScreenBuffer {
        var buffer = ScreenBuffer(width: size.width, height: size.height)
        draw(into: &buffer)
        return buffer
    }

    /// The rectangle screens draw into: everything but the header, the filter bar and the footer.
    public var contentArea: Rect {
        let top = context.filter.isEmpty ? 1 : 2
        return Rect(x: 0, y: top, width: size.width, height: size.height - top - 1)
    }

    private func layoutContent() {
        context.contentSize = (contentArea.width, contentArea.height)
    }

    /// Global meanings of commands the screen on top left alone.
    private func perform(_ command: Command) -> [BrowserEffect] {
        switch command {
        case .back:
            if stack.count == 1 { return [.quit] }
            apply(.pop)
        case .forceQuit: return [.quit]
        case .showHelp: apply(.push(HelpScreen(for: top)))
        case .showSessions:
            stack.removeSubrange(1...)
            top.reload(context)
        case .showStats: apply(.push(StatsScreen()))
        case .search:
            prompt = LineEditor(label: "Search: ", text: context.search?.query ?? "")
            promptPurpose = .search
        case .filter:
            prompt = LineEditor(label: "Filter: ", text: context.filter.text)
            promptPurpose = .filter
        case .clearFilter:
            context.filter = BrowseFilter()
            layoutContent()
            top.reload(context)
        case .nextMatch: openMatch(step: 1)
        case .previousMatch: openMatch(step: -1)
        case .copy:
            guard let text = top.focusedText else { message = "nothing to copy here"; return [] }
            message = "copied \(text.count) characters"
            return [.copy(text)]
        case .openInPager:
            guard let text = top.focusedText else { message = "nothing to open here"; return [] }
            return [.openInPager(text)]
        default: break
        }
        return []
    }

    private func apply(_ navigation: Navigation) {
        switch navigation {
        case .unhandled, .stay: break
        case .push(let screen):
            stack.append(screen)
            screen.reload(context)
        case .replace(let screen):
            stack[stack.count - 1] = screen
            screen.reload(context)
        case .pop:
            if stack.count > 1 { stack.removeLast() }
            top.reload(context)
        case .message(let text): message = text
        }
    }

    private func handlePrompt(_ key: Key) -> [BrowserEffect] {
        guard var editor = prompt else { return [] }
        switch key {
        case .escape:
            prompt = nil
        case .enter:
            prompt = nil
            submit(editor.text)
        default:
            if editor.edit(key) { prompt = editor }
        }
        return []
    }

    private func submit(_ text: String) {
        switch promptPurpose {
        case .search:
            let query = text.trimmingCharacters(in: .whitespaces)
            guard !query.isEmpty else { return }
            do {
                let hits = try context.store.search(query, limit: 500).items
                context.search = SearchState(query: query, hits: hits)
                if hits.isEmpty { message = "no match for \(query)"; return }
                apply(.push(SearchResultsScreen()))
            } catch {
                message = "search failed: \(error)"
            }
        case .filter:
            do {
                context.filter = try BrowseFilter.parse(text, now: context.now)
                layoutContent()
                top.reload(context)
            } catch {
                message = error.description
            }
        case nil: break
        }
    }

    /// Opens the next or previous search hit, in place of the hit shown now.
    private func openMatch(step: Int) {
        guard var search = context.search, !search.hits.isEmpty else {
            message = "no search: press / to search"
            return
        }
        search.index = (search.index + step + search.hits.count) % search.hits.count
        context.search = search
        let screen = SearchResultsScreen.screen(for: search.hits[search.index])
        if top is SearchResultsScreen || top.isSearchTarget {
            apply(top is SearchResultsScreen ? .push(screen) : .replace(screen))
        } else {
            apply(.push(screen))
        }
        message = "match \(search.index + 1) of \(search.hits.count)"
    }
}

extension Screen {
    /// Whether this screen shows a search hit (so `n`/`N` replace it rather than stack another).
    var isSearchTarget: Bool { self is TurnDetailScreen || self is TraceTreeScreen }
}
