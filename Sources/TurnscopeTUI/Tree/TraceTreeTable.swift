import TurnscopeModel

/// Draws a trace tree as a table: the indented observation column, model, duration, tokens and
/// cost on the left, and the waterfall column on the right with a time axis for its heading.
///
/// The waterfall takes two fifths of the width, so a wide terminal gives the bars the room; at 80
/// columns the name, duration, cost and a 32-cell bar still fit, and narrow screens drop model and
/// token columns first.
enum TraceTreeTable {
    /// The waterfall column's width for an area `width` wide.
    static func barWidth(for width: Int) -> Int { max(12, width * 2 / 5) }

    /// The columns left of the waterfall. The observation column's own text is drawn by `treeLine`;
    /// its cell here is what `y` copies.
    static func columns(theme: Theme) -> [TableColumn<TreeRow>] {
        [
            TableColumn("Observation", .flexible(min: 16, weight: 3)) { Span($0.guides + " " + plainName($0)) },
            TableColumn("Model", .flexible(min: 10, weight: 1), minimumScreenWidth: 80) { Span($0.node.model ?? "", theme.dimmed) },
            TableColumn("Duration", .fixed(8), alignRight: true) { duration($0.node, theme: theme) },
            TableColumn("In", .fixed(6), alignRight: true, minimumScreenWidth: 64) {
                Span($0.node.usage.map { Formatting.tokens($0.promptTokens) } ?? "", theme.dimmed)
            },
            TableColumn("Out", .fixed(6), alignRight: true, minimumScreenWidth: 64) {
                Span($0.node.usage.map { Formatting.tokens($0.output) } ?? "", theme.dimmed)
            },
            TableColumn("Cost", .fixed(8), alignRight: true) { cost($0.node, theme: theme) },
        ]
    }

    /// Draws the heading (with the time axis) and `rows` into `area`; `selected` indexes `rows`.
    static func draw(
        _ rows: [TreeRow], selected: Int?, waterfall: Waterfall?, into buffer: inout ScreenBuffer, area: Rect, theme: Theme
    ) {
        guard area.height > 0 else { return }
        let barWidth = barWidth(for: area.width)
        let parts = area.splitColumns(leftWidth: area.width - barWidth - 1)
        let laid = Table(columns: columns(theme: theme)).layout(width: parts.left.width)
        var x = parts.left.x
        for (column, width) in laid {
            buffer.write(
                TerminalText.fit(column.heading, to: width, alignRight: column.alignRight), x: x, y: area.y,
                style: theme.columnHeader, maxWidth: width)
            x += width + 1
        }
        buffer.write(waterfall?.axis(width: parts.right.width) ?? "", x: parts.right.x, y: area.y, style: theme.columnHeader)
        for (offset, row) in rows.prefix(area.height - 1).enumerated() {
            let y = area.y + 1 + offset
            let isError = row.node.level == .error
            x = parts.left.x
            for (index, (column, width)) in laid.enumerated() {
                if index == 0 {
                    treeLine(row, theme: theme).draw(into: &buffer, x: x, y: y, width: width)
                } else {
                    var span = column.cell(row)
                    if isError { span.style = theme.error }
                    buffer.write(
                        TerminalText.fit(span.text, to: width, alignRight: column.alignRight), x: x, y: y, style: span.style,
                        maxWidth: width)
                }
                x += width + 1
            }
            if let waterfall {
                let style = isError ? theme.error : KindLabel.style(row.node.kind, theme: theme)
                buffer.write(waterfall.bar(for: row.node, width: parts.right.width), x: parts.right.x, y: y, style: style)
            }
            if offset == selected {
                buffer.restyle(Rect(x: area.x, y: y, width: area.width, height: 1)) { $0.reverse = true }
            }
        }
    }

    /// The observation column: guides, fold marker, kind, error mark, name, and what a fold hides.
    static func treeLine(_ row: TreeRow, theme: Theme) -> StyledLine {
        var line = StyledLine(row.guides, theme.dimmed)
        // The marker column: fold state when there are children, else the guide runs on into the
        // label (a root leaf gets blanks), so siblings' kinds line up either way.
        if row.childCount > 0 {
            line.append(row.isFolded ? "▸ " : "▾ ", theme.header)
        } else {
            line.append(row.node.depth > 0 ? "─ " : "  ", theme.dimmed)
        }
        line.append(TerminalText.fit(KindLabel.text(row.node.kind), to: 5) + " ", KindLabel.style(row.node.kind, theme: theme))
        switch row.node.level {
        case .error?: line.append("✗ ", theme.error)
        case .warning?: line.append("! ", theme.warning)
        default: break
        }
        line.append(name(of: row.node), row.node.level == .error ? theme.error : .plain)
        if row.isFolded { line.append(" +\(row.childCount)", theme.dimmed) }
        return line
    }

    /// The observation's name, else its model, else its id.
    static func name(of node: ObservationNode) -> String {
        let name = node.name.flatMap { $0.isEmpty ? nil : $0 } ?? node.model ?? node.id
        return name.replacingNewlines
    }

    static func plainName(_ row: TreeRow) -> String {
        KindLabel.text(row.node.kind) + " " + name(of: row.node)
    }

    static func duration(_ node: ObservationNode, theme: Theme) -> Span {
        guard let start = node.startTime else { return Span("–", theme.dimmed) }
        guard let end = node.endTime else {
            return node.kind == .event ? Span("", theme.dimmed) : Span("running", theme.warning)
        }
        return Span(Formatting.duration(start.seconds(until: end)))
    }

    /// Known cost in money style; `?` for an LLM call that used tokens but has no price.
    static func cost(_ node: ObservationNode, theme: Theme) -> Span {
        if let cost = node.cost { return Span(Formatting.money(cost), theme.money) }
        if node.kind == .generation, let usage = node.usage, !usage.isEmpty { return Span("?", theme.warning) }
        return Span("")
    }

    /// A node's facts in one line of plain text, for copying.
    static func describe(_ node: ObservationNode) -> String {
        var fields = [node.id, node.kind.rawValue, name(of: node)]
        if let model = node.model { fields.append(model) }
        if let start = node.startTime, let end = node.endTime { fields.append(Formatting.duration(start.seconds(until: end))) }
        if let usage = node.usage {
            fields.append("in \(Formatting.tokens(usage.promptTokens)) out \(Formatting.tokens(usage.output))")
        }
        if let cost = node.cost { fields.append(Formatting.money(cost)) }
        return fields.joined(separator: "\t")
    }
}
