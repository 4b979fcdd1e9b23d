/// Bars and sparklines drawn with Unicode block characters.
public enum Blocks {
    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    private static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A horizontal bar `value / maximum` of `width` columns, in eighths of a cell; empty for
    /// nothing, at least a sliver for any positive value.
    public static func bar(_ value: Double, of maximum: Double, width: Int) -> String {
        guard width > 0, maximum > 0, value > 0 else { return "" }
        let total = min(1, value / maximum) * Double(width * 8)
        let eighthsCount = max(1, Int(total.rounded()))
        let full = eighthsCount / 8
        let rest = eighthsCount % 8
        var text = String(repeating: "█", count: full)
        if rest > 0 { text.append(eighths[rest - 1]) }
        return text
    }

    /// One block per value, scaled to the largest (zero as the lowest block, so gaps still show).
    public static func sparkline(_ values: [Double]) -> String {
        let maximum = values.max() ?? 0
        guard maximum > 0 else { return String(repeating: levels[0], count: values.count) }
        return String(values.map { value in
            levels[min(levels.count - 1, max(0, Int((value / maximum * Double(levels.count - 1)).rounded())))]
        })
    }
}
