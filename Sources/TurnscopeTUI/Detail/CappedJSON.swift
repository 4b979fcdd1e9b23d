import TurnscopeModel

/// JSON values under the same cap as text: the first lines pretty-printed, then "… N more lines".
extension DetailDocument {
    /// Appends `value` pretty-printed under `indent`, capped behind the fold `fold`.
    mutating func appendJSON(_ value: JSONValue, block: String, fold: String, indent: Int) {
        let open = folds.isOpen(fold)
        let limit = open ? Self.expandedLimit : Self.cap
        let width = available(indent: indent)
        let logical = PrettyJSON.lines(value, theme: theme, limit: limit + 1)
        var laid: [StyledLine] = []
        var ends: [Int] = []
        for line in logical.lines {
            if laid.count > limit { break }
            laid += PrettyJSON.wrap(line, width: width, maxLines: limit + 1 - laid.count)
            ends.append(laid.count)
        }
        let text = JSONText.pretty(value)
        setText(text, for: block)
        guard laid.count > Self.cap else {
            _ = appendStyled(laid, block: block, indent: indent)
            return
        }
        let shown = open ? min(laid.count, limit) : Self.cut(ends)
        let more = logical.total - ends.prefix { $0 <= shown }.count
        let matched = appendStyled(Array(laid.prefix(shown)), block: block, indent: indent)
        if open, laid.count > limit {
            append(
                [Span(String(repeating: " ", count: indent)), Span("… \(Self.count(more, "more line")) — o opens it all in $PAGER", theme.dimmed)],
                block: block)
        }
        capLine(fold, indent: indent, open: open, more: more, total: logical.total, text: text, hidesMatch: !open && !matched)
    }

    /// Appends a JSON value that is text (a string) as text, anything else as pretty JSON.
    mutating func appendValue(_ value: JSONValue, block: String, fold: String, indent: Int) {
        if case .string(let text) = value {
            setText(text, for: block)
            appendText(text, block: block, fold: fold, indent: indent)
        } else {
            appendJSON(value, block: block, fold: fold, indent: indent)
        }
    }
}
