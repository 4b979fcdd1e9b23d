import TurnscopeModel

/// Width-aware wrapping of captured text into display lines.
///
/// Text is sanitized first (a control character becomes its one-column placeholder) and measured in
/// terminal columns, so CJK and emoji wrap where they really end. Wrapping stops after `maxLines`
/// and reports how many lines it left out: a huge tool result is never laid out whole.
public enum TextWrap {
    /// The display lines of `text` at `width` columns, at most `maxLines` of them, and the count of
    /// source lines not laid out.
    public static func lines(_ text: String, width: Int, maxLines: Int = .max) -> (lines: [String], omitted: Int) {
        let width = max(1, width)
        var result: [String] = []
        var sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if sourceLines.last?.isEmpty == true, sourceLines.count > 1 { sourceLines.removeLast() }
        for (index, source) in sourceLines.enumerated() {
            if result.count >= maxLines { return (result, sourceLines.count - index) }
            let safe = TerminalText.sanitize(String(source))
            wrap(safe, width: width, into: &result, maxLines: maxLines)
        }
        return (result, 0)
    }

    /// Greedy word wrap of one line; a word longer than the width is broken by columns.
    private static func wrap(_ line: String, width: Int, into result: inout [String], maxLines: Int) {
        if TerminalText.width(line) <= width {
            result.append(line)
            return
        }
        var current = ""
        var currentWidth = 0
        var lastSpace: String.Index?
        for character in line {
            let w = TerminalText.width(of: character)
            if currentWidth + w > width {
                if let space = lastSpace, space > current.startIndex {
                    let head = String(current[..<space])
                    let tail = String(current[current.index(after: space)...])
                    result.append(head)
                    current = tail
                    currentWidth = TerminalText.width(tail)
                } else {
                    result.append(current)
                    current = ""
                    currentWidth = 0
                }
                lastSpace = nil
                if result.count >= maxLines { return }
            }
            if character == " " { lastSpace = current.endIndex }
            current.append(character)
            currentWidth += w
        }
        if !current.isEmpty || result.isEmpty { result.append(current) }
    }
}
