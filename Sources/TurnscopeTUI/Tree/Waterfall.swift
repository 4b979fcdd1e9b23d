import TurnscopeModel

/// The time scale of a trace's timeline: where each observation's bar starts and ends in a column
/// of a given width, in eighths of a cell.
///
/// The scale runs from the earliest start to the latest start or end known in the trace. A running
/// observation (no end yet) does not stretch it: its bar stays open to the right edge instead, so a
/// growing trace does not squash every finished bar on each refresh.
struct Waterfall: Sendable {
    let start: Timestamp
    let end: Timestamp

    /// The scale of `nodes`; nil when none has a start time.
    init?(nodes: [ObservationNode]) {
        var earliest: Timestamp?
        var latest: Timestamp?
        for node in nodes {
            for time in [node.startTime, node.endTime].compactMap({ $0 }) {
                if earliest == nil || time < earliest! { earliest = time }
                if latest == nil || time > latest! { latest = time }
            }
        }
        guard let earliest, let latest else { return nil }
        start = earliest
        end = latest
    }

    /// Seconds from the first start to the last known time.
    var duration: Double { start.seconds(until: end) }

    /// How a bar is drawn.
    enum Mark: Equatable {
        /// From `from` to `to`, in eighths of a cell from the left edge (`to` > `from`).
        case span(from: Int, to: Int)
        /// A point in time (an event), at a cell.
        case point(cell: Int)
        /// Started at `from` eighths and still running: open to the right edge.
        case open(from: Int)
        /// No start time: nothing to draw.
        case none
    }

    /// Where `node`'s bar lies in a column `width` cells wide.
    func mark(for node: ObservationNode, width: Int) -> Mark {
        guard width > 0, let startTime = node.startTime else { return .none }
        let eighths = width * 8
        let from = position(startTime, eighths: eighths)
        if node.kind == .event, node.endTime == nil || node.endTime == startTime {
            return .point(cell: min(width - 1, from / 8))
        }
        guard let endTime = node.endTime else { return .open(from: min(from, eighths - 1)) }
        let to = max(position(endTime, eighths: eighths), from)
        // Anything that took time shows at least an eighth of a cell.
        let start = min(from, eighths - 1)
        return .span(from: start, to: max(to, start + 1))
    }

    /// The bar as `width` cells of text (spaces around it), with sub-cell precision at its ends.
    func bar(for node: ObservationNode, width: Int) -> String {
        Self.render(mark(for: node, width: width), width: width)
    }

    /// The axis heading: `0` at the left, the total duration at the right, and ticks between them
    /// when the column is wide enough to hold their labels apart.
    func axis(width: Int) -> String {
        guard width > 0 else { return "" }
        var cells = Array(repeating: Character(" "), count: width)
        let parts = width >= 48 ? 4 : (width >= 24 ? 2 : 1)
        var freeFrom = 0
        for part in 0...parts {
            let fraction = Double(part) / Double(parts)
            var label = part == 0 ? "0" : Formatting.duration(duration * fraction)
            if part > 0 && part < parts { label = "┊" + label }
            let length = label.count
            var x = Int((fraction * Double(width)).rounded())
            if part == parts { x = width - length }
            guard x >= freeFrom, x + length <= width else { continue }
            for (offset, character) in label.enumerated() { cells[x + offset] = character }
            freeFrom = x + length + 1
        }
        return String(cells)
    }

    private func position(_ time: Timestamp, eighths: Int) -> Int {
        let total = duration
        guard total > 0 else { return 0 }
        let fraction = max(0, min(1, start.seconds(until: time) / total))
        return Int((fraction * Double(eighths)).rounded())
    }

    private static let leftEighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    static func render(_ mark: Mark, width: Int) -> String {
        guard width > 0 else { return "" }
        var cells = Array(repeating: Character(" "), count: width)
        switch mark {
        case .none: break
        case .point(let cell): cells[max(0, min(width - 1, cell))] = "◆"
        case .open(let from):
            let first = max(0, min(width - 1, from / 8))
            cells[first] = from % 8 >= 4 ? "▐" : "█"
            for cell in (first + 1)..<width { cells[cell] = "░" }
        case .span(let from, let to):
            for cell in max(0, from / 8)...min(width - 1, (to - 1) / 8) {
                let covered = min(to, cell * 8 + 8) - max(from, cell * 8)
                guard covered > 0 else { continue }
                if covered == 8 {
                    cells[cell] = "█"
                } else if from > cell * 8, to >= cell * 8 + 8 {
                    // Covered from the right: only a half and an eighth block exist that way.
                    cells[cell] = covered >= 6 ? "█" : (covered >= 3 ? "▐" : "▕")
                } else {
                    cells[cell] = leftEighths[covered - 1]
                }
            }
        }
        return String(cells)
    }
}
