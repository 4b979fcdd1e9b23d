import Foundation
import TurnscopeModel

/// A plain-text table for the terminal: columns sized to their content in display columns, text
/// made safe (no control character reaches the terminal) and long cells cut with an ellipsis.
struct Table {
    struct Column {
        var title: String
        var alignRight = false
        var maxWidth = 40
    }

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [String]) {
        rows.append(cells.map { TerminalText.sanitize($0) })
    }

    func render() -> String {
        var widths = columns.map { TerminalText.width($0.title) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = min(max(widths[index], TerminalText.width(cell)), columns[index].maxWidth)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                TerminalText.fit(cell, to: widths[index], alignRight: columns[index].alignRight)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n")
    }
}

extension Table.Column {
    static func left(_ title: String, max: Int = 40) -> Table.Column { Table.Column(title: title, maxWidth: max) }
    static func right(_ title: String) -> Table.Column { Table.Column(title: title, alignRight: true, maxWidth: 14) }
}
