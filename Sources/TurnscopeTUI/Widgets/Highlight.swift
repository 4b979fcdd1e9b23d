import Foundation

/// Marks the words of a search in text, case-insensitively, so a jump lands on a visible match.
public enum Highlight {
    /// `text` as one styled line: `base` style, with every occurrence of any term in the highlight style.
    public static func line(_ text: String, terms: [String], base: Style, theme: Theme) -> StyledLine {
        var line = StyledLine()
        for (piece, isMatch) in split(text, terms: terms) {
            line.append(piece, isMatch ? theme.highlight : base)
        }
        return line
    }

    /// Whether any term occurs in `text`.
    public static func matches(_ text: String, terms: [String]) -> Bool {
        terms.contains { !$0.isEmpty && text.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
    }

    /// `text` cut into pieces that are or are not matches, in order.
    public static func split(_ text: String, terms: [String]) -> [(String, Bool)] {
        let terms = terms.filter { !$0.isEmpty }
        guard !terms.isEmpty else { return [(text, false)] }
        var pieces: [(String, Bool)] = []
        var rest = text[...]
        while !rest.isEmpty {
            var best: Range<Substring.Index>?
            for term in terms {
                if let found = rest.range(of: term, options: [.caseInsensitive, .diacriticInsensitive]),
                    best == nil || found.lowerBound < best!.lowerBound
                {
                    best = found
                }
            }
            guard let match = best else {
                pieces.append((String(rest), false))
                break
            }
            if match.lowerBound > rest.startIndex { pieces.append((String(rest[..<match.lowerBound]), false)) }
            pieces.append((String(rest[match]), true))
            rest = rest[match.upperBound...]
        }
        return pieces
    }
}

extension String {
    /// The text on one line: newlines shown as `⏎`, runs of spaces kept.
    var replacingNewlines: String {
        replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
    }
}
