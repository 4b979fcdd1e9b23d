import TurnscopeModel

/// The frame around every screen: a header with the breadcrumb, live state and collector; the
/// active filter; and a footer with the current screen's keys, a message, or the prompt.
enum Chrome {
    static func drawHeader(stack: [any Screen], context: BrowserContext, into buffer: inout ScreenBuffer) {
        let theme = context.theme
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), style: Style(reverse: true))
        var right: [Span] = []
        switch stack.last?.liveStatus {
        case .following?: right.append(Span(" ● LIVE ", theme.following.reversed))
        case .paused(let count)?: right.append(Span(count > 0 ? " ⏸ PAUSED, \(count) new · G " : " ⏸ PAUSED · G ", theme.paused))
        case nil: break
        }
        if let collector = context.collectorStatus { right.append(Span(" " + collector + " ", Style(reverse: true))) }
        if let mirror = context.mirrorStatus { right.append(Span(mirror + " ", Style(reverse: true))) }
        let rightWidth = right.reduce(0) { $0 + TerminalText.width($1.text) }
        let available = max(10, buffer.width - rightWidth - 1)
        let crumbs = ["turnscope"] + stack.map(\.title)
        var text = crumbs.joined(separator: " › ")
        var dropped = 1
        while TerminalText.width(text) > available, dropped < crumbs.count - 1 {
            text = ([crumbs[0], "…"] + crumbs[(dropped + 1)...]).joined(separator: " › ")
            dropped += 1
        }
        buffer.write(" " + text, x: 0, y: 0, style: Style(bold: true, reverse: true), maxWidth: available)
        var x = buffer.width - rightWidth
        for span in right where x >= available {
            x += buffer.write(span.text, x: x, y: 0, style: span.style)
        }
    }

    static func drawFilterBar(_ filter: BrowseFilter, context: BrowserContext, into buffer: inout ScreenBuffer) {
        let used = buffer.write(" filter: ", x: 0, y: 1, style: context.theme.filter)
        let rest = buffer.write(filter.text, x: used, y: 1, style: context.theme.filter.reversed)
        buffer.write("  F clears", x: used + rest, y: 1, style: context.theme.dimmed)
    }

    static func drawFooter(
        bindings: [KeyBinding], prompt: LineEditor?, message: String?, context: BrowserContext,
        into buffer: inout ScreenBuffer
    ) {
        let y = buffer.height - 1
        guard y > 0 else { return }
        let theme = context.theme
        if let prompt {
            let used = buffer.write(prompt.label, x: 0, y: y, style: theme.prompt)
            buffer.write(prompt.text, x: used, y: y)
            let cursorX = used + TerminalText.width(String(prompt.text.prefix(prompt.cursor)))
            if cursorX < buffer.width {
                buffer.restyle(Rect(x: cursorX, y: y, width: 1, height: 1)) { $0.reverse = true }
            }
            buffer.write("  Enter ok · Esc cancel", x: max(used + TerminalText.width(prompt.text) + 1, cursorX + 1), y: y, style: theme.dimmed)
            return
        }
        if let message {
            buffer.write(" " + message, x: 0, y: y, style: theme.warning)
            return
        }
        var x = 0
        for binding in bindings where binding.inFooter {
            let key = binding.keys.first.map(\.label) ?? ""
            let width = TerminalText.width(key) + TerminalText.width(binding.summary) + 3
            guard x + width <= buffer.width else { break }
            x += buffer.write(" " + key, x: x, y: y, style: theme.footerKey)
            x += buffer.write(" " + binding.summary + " ", x: x, y: y, style: theme.footerText)
        }
    }
}
