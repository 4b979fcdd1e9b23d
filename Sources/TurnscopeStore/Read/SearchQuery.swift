/// Turns what a person types into an FTS5 query that cannot be a syntax error.
///
/// The text is cut into words the way the index's `unicode61` tokenizer cuts it (letters and digits;
/// everything else separates), and every word is quoted, so punctuation, `AND`, `NEAR` or a stray
/// quote are searched as text. Words must all match, in any order (the index keeps no positions, to
/// stay small). Exact words are searched first; only when they find fewer hits than asked for is the
/// last word searched as a prefix too, because a prefix query merges the postings of every word
/// with that prefix and costs tens of milliseconds on a common one.
struct SearchQuery {
    /// The words searched for, lowercased, for highlighting.
    let words: [String]
    /// The FTS5 MATCH expression with every word exact, nil when there is nothing to search.
    let match: String?
    /// The same with the last word as a prefix, for words still being typed.
    let prefixMatch: String?

    init(_ text: String) {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        self.words = words
        let quoted = words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        match = quoted.isEmpty ? nil : quoted.joined(separator: " ")
        prefixMatch = match.map { $0 + "*" }
    }

    /// A window of `text` around the first occurrence of any word, on one line.
    func snippet(of text: String, width: Int = 120) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let lower = flat.lowercased()
        var start = lower.startIndex
        for word in words {
            if let range = lower.range(of: word) {
                start = range.lowerBound
                break
            }
        }
        let offset = max(0, lower.distance(from: lower.startIndex, to: start) - width / 4)
        let characters = Array(flat)
        let from = min(offset, characters.count)
        let to = min(from + width, characters.count)
        return (from > 0 ? "…" : "") + String(characters[from..<to]) + (to < characters.count ? "…" : "")
    }
}
