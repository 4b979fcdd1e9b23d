import TurnscopeModel

/// The selected turn in brief, beside the turns list on wide terminals: model, tokens, cost, what
/// is new in this turn, the completion's first lines and its tool calls.
///
/// Built once per selected turn from bounded snippets (the first few hundred characters of each
/// value), so drawing it, which wraps at the pane's actual width, costs the same for a huge turn.
struct TurnPreview {
    let turnId: String
    let summaryHash: Int
    private let items: [Item]

    /// What the preview shows, top to bottom.
    private enum Item {
        /// A line drawn as is (clipped).
        case line(StyledLine)
        /// Text wrapped at draw time under a prefix, at most `maxLines` lines.
        case text(prefix: Span, text: String, style: Style, maxLines: Int)
    }

    /// Characters of any one value kept for the preview.
    private static let snippetLength = 400
    /// New messages and tool calls listed at most.
    private static let listed = 4

    init(turn: TurnDetail?, summary: TurnSummary, context: BrowserContext) {
        turnId = summary.id
        summaryHash = summary.hashValue
        let theme = context.theme
        var items: [Item] = []
        var title = StyledLine("Turn \(summary.number)", theme.title)
        if let name = summary.name { title.append("  " + name, theme.dimmed) }
        items.append(.line(title))
        items.append(.line(StyledLine(summary.model ?? "no model", Style(bold: true))))
        items.append(.line(Self.usageLine(summary, theme: theme)))
        var timing = StyledLine("latency ", theme.dimmed)
        timing.append(Formatting.duration(summary.latency))
        timing.append("  first token ", theme.dimmed)
        timing.append(Formatting.duration(summary.timeToFirstToken))
        items.append(.line(timing))
        if summary.level == .error || summary.level == .warning {
            let style = summary.level == .error ? theme.error : theme.warning
            items.append(
                .text(prefix: Span(summary.level == .error ? "✗ " : "! ", style), text: Self.snippet(summary.statusMessage ?? ""), style: style, maxLines: 3))
        }
        if let turn {
            items += Self.newMessages(turn, theme: theme)
            items += Self.completion(turn, theme: theme)
        }
        self.items = items
    }

    func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        var row = 0
        let width = area.width - 1
        for item in items {
            guard row < area.height else { return }
            switch item {
            case .line(let line):
                line.draw(into: &buffer, x: area.x + 1, y: area.y + row, width: width)
                row += 1
            case .text(let prefix, let text, let style, let maxLines):
                let indent = TerminalText.width(prefix.text)
                let wrapped = TextWrap.lines(text, width: max(4, width - indent), maxLines: maxLines).lines
                for (index, piece) in wrapped.enumerated() where row < area.height {
                    var line = StyledLine(index == 0 ? [prefix] : [Span(String(repeating: " ", count: indent))])
                    line.append(piece, style)
                    line.draw(into: &buffer, x: area.x + 1, y: area.y + row, width: width)
                    row += 1
                }
            }
        }
    }

    // MARK: - Sections

    private static func usageLine(_ summary: TurnSummary, theme: Theme) -> StyledLine {
        var line = StyledLine("in ", theme.dimmed)
        line.append(Formatting.tokens(summary.usage?.promptTokens))
        line.append("  out ", theme.dimmed)
        line.append(Formatting.tokens(summary.usage?.output))
        if let usage = summary.usage, usage.promptTokens > 0, let read = usage.cacheRead {
            line.append("  cache ", theme.dimmed)
            line.append(Formatting.percent(Double(read) / Double(usage.promptTokens)))
        }
        line.append("  ")
        if summary.cost == nil || summary.costSource == .unknown {
            line.append("cost unknown", theme.warning)
        } else {
            line.append(Formatting.money(summary.cost), theme.money)
            line.append(" " + summary.costSource.label, theme.dimmed)
        }
        return line
    }

    /// What the previous turn did not send, or the opening message of a first turn.
    private static func newMessages(_ turn: TurnDetail, theme: Theme) -> [Item] {
        // Read without its history (`omittedHistory` messages), which holds nothing new.
        guard let messages = turn.observation.input?.messages, !messages.isEmpty || turn.omittedHistory > 0 else { return [] }
        let omitted = turn.omittedHistory
        var items: [Item] = [.line(StyledLine())]
        let indices: [Int]
        if turn.previousTurnId == nil {
            items.append(.line(StyledLine([Span("Prompt", theme.title), Span("  first turn of the session", theme.dimmed)])))
            indices = Array(messages.indices.filter { messages[$0].role != .system && messages[$0].role != .developer }.suffix(1))
        } else {
            indices = messages.indices.filter { turn.inputIsNew.indices.contains(omitted + $0) && turn.inputIsNew[omitted + $0] }
            let heading =
                indices.isEmpty
                ? "nothing new: same prompt as the previous turn" : "\(indices.count) of \(omitted + messages.count) messages"
            items.append(.line(StyledLine([Span("New in this turn", theme.title), Span("  " + heading, theme.dimmed)])))
        }
        let marker = turn.previousTurnId == nil ? "  " : "+ "
        for index in indices.prefix(listed) {
            let message = messages[index]
            items.append(.line(StyledLine([Span(marker, theme.newMarker), Span(message.role.rawValue, theme.role(message.role))])))
            items.append(.text(prefix: Span(marker + "  ", theme.newMarker), text: snippet(of: message), style: .plain, maxLines: 2))
        }
        if indices.count > listed {
            items.append(.line(StyledLine("  … \(indices.count - listed) more", theme.dimmed)))
        }
        return items
    }

    /// The completion's first lines and its tool calls, one line each.
    private static func completion(_ turn: TurnDetail, theme: Theme) -> [Item] {
        var items: [Item] = [.line(StyledLine()), .line(StyledLine("Completion", theme.title))]
        guard let output = turn.observation.output else {
            let text = turn.observation.level == .error ? "no completion: the call failed" : "no completion recorded"
            items.append(.line(StyledLine("  " + text, turn.observation.level == .error ? theme.error : theme.dimmed)))
            return items
        }
        guard let messages = output.messages else {
            if case .json(let value) = output {
                items.append(.text(prefix: Span("  "), text: snippet(value.stringValue ?? JSONText.string(value)), style: .plain, maxLines: 4))
            }
            return items
        }
        let parts = messages.flatMap(\.parts)
        for part in parts {
            switch part {
            case .text(let text):
                items.append(.text(prefix: Span("  "), text: snippet(text), style: .plain, maxLines: 4))
            case .reasoning(let text, _):
                items.append(.text(prefix: Span("  ✻ ", theme.dimmed), text: snippet(text), style: theme.dimmed, maxLines: 2))
            default: break
            }
        }
        let calls = messages.flatMap(\.toolCalls)
        for call in calls.prefix(listed) {
            var line = StyledLine([Span("  ⚙ ", theme.toolName), Span(call.name, theme.toolName), Span(" ")])
            let arguments = call.arguments.stringValue.map { snippet($0) } ?? snippet(JSONText.string(call.arguments))
            line.append(arguments.replacingNewlines, theme.dimmed)
            items.append(.line(line))
        }
        if calls.count > listed { items.append(.line(StyledLine("  … \(calls.count - listed) more tool calls", theme.dimmed))) }
        return items
    }

    /// The start of a message: its first text, tool result or tool call.
    private static func snippet(of message: Message) -> String {
        for part in message.parts {
            switch part {
            case .text(let text): return snippet(text)
            case .toolResult(let result): return "↳ " + snippet(result.content)
            case .toolCall(let call): return "⚙ " + call.name + " " + snippet(JSONText.string(call.arguments))
            case .reasoning(let text, _): return "✻ " + snippet(text)
            default: continue
            }
        }
        return ""
    }

    private static func snippet(_ text: String) -> String {
        text.count > snippetLength ? String(text.prefix(snippetLength)) + "…" : text
    }
}
