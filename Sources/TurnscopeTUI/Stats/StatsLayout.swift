/// Where the stats screen's sections go.
///
/// A big terminal shows models across the top and days and turns side by side below. A smaller one
/// stacks the three, each with at least a couple of rows, and gives the room left to the focused
/// one first (Tab moves the focus, so any table can grow). Only when even that does not fit does it
/// show the focused section alone under a tab strip. Each section's rectangle starts with its title
/// line (the tab strip when alone), then the table's heading and rows.
struct StatsLayout {
    /// Whether each section has its own title line (otherwise one tab strip names them all).
    let hasTitles: Bool
    /// Each section on screen, title line included.
    let sections: [StatsSection: Rect]

    init(area: Rect, focus: StatsSection, rowCounts: [StatsSection: Int]) {
        if area.width >= 120 && area.height >= 32 {
            hasTitles = true
            sections = Self.grid(area, modelRows: rowCounts[.models] ?? 0)
        } else if let stacked = Self.stacked(area, focus: focus, rowCounts: rowCounts) {
            hasTitles = true
            sections = stacked
        } else {
            hasTitles = false
            sections = [focus: area.droppingTop(StatsSummary.height)]
        }
    }

    /// Table rows a section shows (its height less title and heading).
    func rowsShown(_ section: StatsSection) -> Int { max(1, (sections[section]?.height ?? 3) - 2) }

    /// Models on top (all of them when they fit in a third), days and turns side by side below.
    private static func grid(_ area: Rect, modelRows: Int) -> [StatsSection: Rect] {
        let body = area.droppingTop(StatsSummary.height + 1)
        let modelsHeight = max(5, min(modelRows + 2, body.height / 3))
        let models = Rect(x: body.x, y: body.y, width: body.width, height: modelsHeight)
        let rest = body.droppingTop(modelsHeight + 1)
        let halves = rest.splitColumns(leftWidth: (rest.width - 2) / 2)
        let right = Rect(x: halves.right.x + 1, y: halves.right.y, width: halves.right.width - 1, height: halves.right.height)
        return [.models: models, .days: halves.left, .turns: right]
    }

    /// The sections one under another; nil when they do not fit with two rows each.
    private static func stacked(_ area: Rect, focus: StatsSection, rowCounts: [StatsSection: Int]) -> [StatsSection: Rect]? {
        let body = area.droppingTop(StatsSummary.height)
        let natural = StatsSection.allCases.map { max(3, (rowCounts[$0] ?? 0) + 2) }
        var heights = natural.map { min($0, 4) }
        var spare = body.height - heights.reduce(0, +)
        guard spare >= 0 else { return nil }
        let order = [focus] + StatsSection.allCases.filter { $0 != focus }
        for section in order {
            let grow = min(spare, natural[section.rawValue] - heights[section.rawValue])
            heights[section.rawValue] += grow
            spare -= grow
        }
        var sections: [StatsSection: Rect] = [:]
        var y = body.y
        for section in StatsSection.allCases {
            sections[section] = Rect(x: body.x, y: y, width: body.width, height: heights[section.rawValue])
            y += heights[section.rawValue]
        }
        return sections
    }
}
