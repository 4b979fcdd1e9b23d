import TurnscopeModel

/// The selected turn in brief, beside the turns list on wide terminals. (Placeholder: being built.)
struct TurnPreview {
    let turnId: String
    let summaryHash: Int
    private let lines: [StyledLine]

    init(turn: TurnDetail?, summary: TurnSummary, context: BrowserContext) {
        turnId = summary.id
        summaryHash = summary.hashValue
        lines = [StyledLine("Turn \(summary.number)", context.theme.title)]
    }

    func draw(into buffer: inout ScreenBuffer, area: Rect, context: BrowserContext) {
        for (row, line) in lines.prefix(area.height).enumerated() {
            line.draw(into: &buffer, x: area.x + 1, y: area.y + row, width: area.width - 1)
        }
    }
}
