import TurnscopeModel

/// Messages as a chat: a header line with the role (and name) in its colour, then each part
/// indented under it. System prompts fold to one line; long parts are capped; tool calls show their
/// arguments as JSON and, in a completion, the result that came back.
extension DetailDocument {
    /// Appends message `message` as block `block`. `isNew` marks it in the gutter; `results`, for a
    /// completion, pairs its tool calls (numbered from `firstCall`) with what came back.
    mutating func appendMessage(
        _ message: Message, block: String, isNew: Bool, toolNames: [String: String],
        results: [Int: PairedResult]? = nil, firstCall: Int = 0
    ) {
        let saved = gutter
        defer { gutter = saved }
        if isNew { gutter = Span("+ ", theme.newMarker) }
        let text = Self.plainText(of: message)
        setText(text, for: block)
        var label = [Span(message.role.rawValue, theme.role(message.role))]
        if let name = message.name { label.append(Span(" · " + name, theme.dimmed)) }
        if message.role == .system || message.role == .developer {
            let fold = "sys:" + block
            label.append(Span(" (\(Self.count(text.count, "char")))", theme.dimmed))
            if isNew { label.append(Span("  NEW", theme.newMarker)) }
            foldLine(fold, label: label, hidden: text)
            guard folds.isOpen(fold) else { return }
        } else {
            if isNew { label.append(Span("  NEW", theme.newMarker)) }
            append(label, block: block)
        }
        var call = firstCall
        for (index, part) in message.parts.enumerated() {
            let partBlock = "\(block).p\(index)"
            switch part {
            case .toolCall(let toolCall):
                appendToolCall(toolCall, block: partBlock, result: results.map { $0[call] }, paired: results != nil)
                call += 1
            default:
                appendPart(part, block: partBlock, toolNames: toolNames)
            }
        }
    }

    /// Appends a part that is not a tool call.
    private mutating func appendPart(_ part: MessagePart, block: String, toolNames: [String: String]) {
        switch part {
        case .text(let text):
            setText(text, for: block)
            appendText(text, block: block, fold: "cap:" + block, indent: 2)
        case .reasoning(let text, _):
            setText(text, for: block)
            let long = text.count > 280 || text.split(separator: "\n", maxSplits: 3).count > 3
            if long {
                let fold = "think:" + block
                foldLine(
                    fold, indent: 2, label: [Span("reasoning", theme.dimmed.emphasized), Span(" (\(Self.count(text.count, "char")))", theme.dimmed)],
                    hidden: text)
                if folds.isOpen(fold) { appendText(text, block: block, fold: "cap:" + block, indent: 4, style: theme.dimmed) }
            } else {
                append([Span("  reasoning", theme.dimmed.emphasized)], block: block)
                appendText(text, block: block, fold: "cap:" + block, indent: 4, style: theme.dimmed)
            }
        case .image(let url, let mediaType):
            // A data URI can be megabytes: show its start only.
            let shown = url.count > 60 ? String(url.prefix(60)) + "…" : url
            setText(url, for: block)
            append([Span("  [image" + (mediaType.map { " " + $0 } ?? "") + "] ", theme.dimmed), Span(shown, theme.dimmed)], block: block)
        case .toolResult(let result):
            setText(result.content, for: block)
            var head = [Span("  ↳ ", theme.dimmed)]
            let name = result.callId.flatMap { toolNames[$0] }
            head.append(Span(name.map { $0 + " result" } ?? "result", theme.toolName))
            if result.isError { head.append(Span("  ✗ error", theme.error)) }
            if let id = result.callId { head.append(Span("  " + id, theme.dimmed)) }
            append(head, block: block)
            appendText(result.content, block: block, fold: "cap:" + block, indent: 4)
        case .other(let value):
            append([Span("  other part", theme.dimmed)], block: block)
            appendJSON(value, block: block, fold: "cap:" + block, indent: 4)
        case .toolCall:
            break
        }
    }

    /// Appends a tool call: `⚙ name` with its arguments inline when they fit, else as indented
    /// JSON; in a completion (`paired`), the result under it, or "no result yet".
    private mutating func appendToolCall(_ call: ToolCall, block: String, result: PairedResult??, paired: Bool) {
        let name = TerminalText.sanitize(call.name)
        var head = [Span("  ⚙ ", theme.toolName), Span(name, theme.toolName)]
        let room = available(indent: 0) - 5 - TerminalText.width(name)
        let inline = call.arguments.stringValue == nil ? PrettyJSON.inline(call.arguments, theme: theme, width: room) : nil
        var text = call.name + " " + JSONText.pretty(call.arguments)
        if let inline {
            head.append(Span(" "))
            head += inline
            _ = appendStyled([StyledLine(head)], block: block, indent: 0)
        } else {
            if let id = call.id, room > id.count + 2 { head.append(Span("  " + id, theme.dimmed)) }
            append(head, block: block)
            appendValue(call.arguments, block: block + ".args", fold: "cap:" + block + ".args", indent: 4)
        }
        guard paired else {
            setText(text, for: block)
            return
        }
        let resultBlock = block + ".result"
        guard let found = result ?? nil else {
            append([Span("    ↳ ", theme.dimmed), Span("no result yet", theme.warning)], block: resultBlock)
            setText(text, for: block)
            return
        }
        var line = [Span("    ↳ ", theme.dimmed), Span(found.isError ? "✗ result" : "result", found.isError ? theme.error : theme.good)]
        if let status = found.status { line.append(Span(" " + status, theme.error)) }
        line.append(Span(" · " + found.source, theme.dimmed))
        append(line, block: resultBlock)
        appendValue(found.content, block: resultBlock, fold: "cap:" + resultBlock, indent: 6)
        text += "\n\nresult:\n" + (found.content.stringValue ?? JSONText.pretty(found.content))
        setText(text, for: block)
    }

    /// A message as plain text: what `y` copies for it.
    static func plainText(of message: Message) -> String {
        message.parts.map { part in
            switch part {
            case .toolCall(let call): return call.name + " " + JSONText.string(call.arguments)
            case .image(let url, _): return "[image] " + url
            case .other(let value): return JSONText.string(value)
            default: return part.searchableText ?? ""
            }
        }.joined(separator: "\n")
    }
}
