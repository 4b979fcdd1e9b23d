import TurnscopeModel

/// Facts laid out like words: items separated by " · ", wrapped onto as many lines as the width
/// needs, an item never split unless it alone is too wide (then it is clipped when drawn).
enum FlowLine {
    static func lines(_ items: [[Span]], width: Int, separator: Span) -> [[Span]] {
        var result: [[Span]] = []
        var current: [Span] = []
        var used = 0
        let gap = TerminalText.width(separator.text)
        for item in items where !item.isEmpty {
            let w = item.reduce(0) { $0 + TerminalText.width(TerminalText.sanitize($1.text)) }
            if !current.isEmpty, used + gap + w > width {
                result.append(current)
                current = []
                used = 0
            }
            if !current.isEmpty {
                current.append(separator)
                used += gap
            }
            current += item
            used += w
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
