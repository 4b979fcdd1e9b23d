import TurnscopeModel

/// Draws rows as a table with a header line: columns laid out to the area's width, the selected
/// row reversed, the sorted column's heading marked with an arrow.
public struct Table<Row> {
    public var columns: [TableColumn<Row>]

    public init(columns: [TableColumn<Row>]) {
        self.columns = columns
    }

    /// The columns shown at a width, each with its resolved width.
    public func layout(width: Int) -> [(column: TableColumn<Row>, width: Int)] {
        let shown = columns.filter { width >= $0.minimumScreenWidth }
        let gaps = max(0, shown.count - 1)
        var fixed = 0
        var weights = 0
        for column in shown {
            switch column.width {
            case .fixed(let w): fixed += w
            case .flexible(let minimum, let weight):
                fixed += minimum
                weights += weight
            }
        }
        var spare = max(0, width - gaps - fixed)
        return shown.map { column in
            switch column.width {
            case .fixed(let w): return (column, w)
            case .flexible(let minimum, let weight):
                let extra = weights > 0 ? spare * weight / weights : 0
                spare -= extra
                weights -= weight
                return (column, minimum + extra)
            }
        }
    }

    /// Draws the heading and `rows` into `area`; `selected` is an index into `rows`; `sortedColumn`
    /// names a heading to mark with ▼ (descending) or ▲.
    public func draw(
        _ rows: [Row], selected: Int?, sortedColumn: String? = nil, descending: Bool = true, into buffer: inout ScreenBuffer,
        area: Rect, theme: Theme, rowStyle: (Row) -> Style? = { _ in nil }
    ) {
        guard area.height > 0 else { return }
        let laid = layout(width: area.width)
        var x = area.x
        for (column, width) in laid {
            var heading = column.heading
            if heading == sortedColumn { heading += descending ? "▼" : "▲" }
            buffer.write(TerminalText.fit(heading, to: width, alignRight: column.alignRight), x: x, y: area.y, style: theme.columnHeader, maxWidth: width)
            x += width + 1
        }
        for (offset, row) in rows.prefix(area.height - 1).enumerated() {
            let y = area.y + 1 + offset
            let base = rowStyle(row)
            x = area.x
            for (column, width) in laid {
                var span = column.cell(row)
                if let base { span.style = Self.merge(span.style, over: base) }
                buffer.write(TerminalText.fit(span.text, to: width, alignRight: column.alignRight), x: x, y: y, style: span.style, maxWidth: width)
                x += width + 1
            }
            if offset == selected {
                buffer.restyle(Rect(x: area.x, y: y, width: area.width, height: 1)) { $0.reverse = true }
            }
        }
    }

    /// A row style (an error row's colour) under a cell's own style.
    private static func merge(_ cell: Style, over row: Style) -> Style {
        var merged = cell
        if merged.foreground == nil { merged.foreground = row.foreground }
        merged.bold = merged.bold || row.bold
        merged.dim = merged.dim || row.dim
        return merged
    }
}
