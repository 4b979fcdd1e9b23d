import TurnscopeModel

/// Where the parts of a turn go at a width.
///
/// Narrow terminals get one scrolling document: header, prompt, completion, usage, details. From
/// 140 columns the header stays fixed on top and two panes sit side by side: the conversation on
/// the left, the completion with its tool calls and the usage on the right.
enum TurnLayout {
    /// The narrowest terminal that gets two panes.
    static let wideWidth = 140

    static func isWide(_ width: Int) -> Bool { width >= wideWidth }

    /// The documents for an area `width` columns wide: the fixed header lines (wide only) and the
    /// panes, each laid out for the width it will be drawn at (a column less, for the cursor).
    static func build(
        _ turn: LoadedTurn, width: Int, theme: Theme, terms: [String], folds: FoldState
    ) -> (header: [StyledLine], panes: [DetailDocument]) {
        func document(_ width: Int) -> DetailDocument {
            DetailDocument(width: width - 1, theme: theme, terms: terms, folds: folds)
        }
        guard isWide(width) else {
            var single = document(width)
            single.appendHeader(turn)
            single.blank()
            single.appendPrompt(turn)
            single.blank()
            single.appendCompletion(turn)
            single.blank()
            single.appendUsage(turn)
            single.blank()
            single.appendDetails(turn)
            return ([], [single])
        }
        let columns = paneWidths(width)
        var header = document(width)
        header.appendHeader(turn)
        var left = document(columns.left)
        left.appendPrompt(turn)
        var right = document(columns.right)
        right.landing = 0
        right.appendCompletion(turn)
        right.blank()
        right.appendUsage(turn)
        right.blank()
        right.appendDetails(turn)
        return (header.lines, [left, right])
    }

    /// The header's rectangle and each pane's, inside `area`.
    static func geometry(_ area: Rect, headerLines: Int, panes: Int) -> (header: Rect, panes: [Rect]) {
        guard panes == 2 else { return (Rect(x: area.x, y: area.y, width: area.width, height: 0), [area]) }
        let headerHeight = min(area.height, headerLines + 1)
        let header = Rect(x: area.x, y: area.y, width: area.width, height: headerLines)
        let split = area.droppingTop(headerHeight).splitColumns(leftWidth: paneWidths(area.width).left)
        return (header, [split.left, split.right])
    }

    /// The two panes' widths: halves, the gap column between them.
    private static func paneWidths(_ width: Int) -> (left: Int, right: Int) {
        let left = (width - 1) / 2
        return (left, width - left - 1)
    }
}
