import TurnscopeModel

/// Long values under a cap: the first lines, then "… N more lines — Enter to expand".
///
/// Only what is shown is wrapped: a closed value lays out at most `cap + 1` lines however long it
/// is, and even an open one stops at `expandedLimit` (the rest goes to `o`, the pager). Lines
/// are counted as the source's lines, which needs no layout.
extension DetailDocument {
    /// Appends `text` wrapped to the width under `indent`, capped behind the fold `fold`.
    mutating func appendText(_ text: String, block: String, fold: String, indent: Int, style: Style = .plain) {
        let open = folds.isOpen(fold)
        let limit = open ? Self.expandedLimit : Self.cap
        let width = available(indent: indent)
        var sources = text.split(separator: "\n", omittingEmptySubsequences: false)
        if sources.count > 1, sources.last?.isEmpty == true { sources.removeLast() }
        var laid: [String] = []
        // Where each source line's display lines end, to count what a cut leaves out.
        var ends: [Int] = []
        for source in sources {
            if laid.count > limit { break }
            laid += TextWrap.lines(String(source), width: width, maxLines: limit + 1 - laid.count).lines
            ends.append(laid.count)
        }
        guard laid.count > Self.cap else {
            _ = appendLaidOut(laid, block: block, indent: indent, style: style)
            return
        }
        let shown = open ? min(laid.count, limit) : Self.cut(ends)
        let whole = ends.prefix { $0 <= shown }.count
        let more = sources.count - whole
        let matched = appendLaidOut(Array(laid.prefix(shown)), block: block, indent: indent, style: style)
        if open, laid.count > limit {
            append(
                [Span(String(repeating: " ", count: indent)), Span("… \(Self.count(more, "more line")) — o opens it all in $PAGER", theme.dimmed)],
                block: block)
        }
        capLine(fold, indent: indent, open: open, more: more, total: sources.count, text: text, hidesMatch: !open && !matched)
    }

    /// Appends the toggle line of a capped value: "… N more lines — Enter to expand" when closed,
    /// "▴ N lines — Enter to collapse" when open.
    mutating func capLine(_ fold: String, indent: Int, open: Bool, more: Int, total: Int, text: String, hidesMatch: Bool) {
        let pad = String(repeating: " ", count: indent)
        let label =
            open
            ? [Span(pad + "▴ ", theme.header), Span(Self.count(total, "line"), theme.dimmed), Span(" — Enter to collapse", theme.dimmed)]
            : [Span(pad + "… ", theme.header), Span(Self.count(more, "more line"), theme.header), Span(" — Enter to expand", theme.dimmed)]
        appendToggle(fold, spans: label, text: text, hidesMatch: hidesMatch && matches(text))
    }

    /// Display lines a closed value shows: `capShown`, stretched up to `cap` to finish a source
    /// line rather than cut it, so "N more lines" counts whole lines. `ends` are the display line
    /// counts at which each source line ends.
    static func cut(_ ends: [Int]) -> Int {
        if let end = ends.first(where: { $0 >= capShown }), end <= cap { return end }
        return capShown
    }

    /// "1 line", "12 lines", "1,234 lines".
    static func count(_ n: Int, _ noun: String) -> String {
        "\(Formatting.grouped(Int64(n))) \(noun)\(n == 1 ? "" : "s")"
    }
}
