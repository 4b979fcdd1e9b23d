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
    ///
    /// A search lists hundreds of hits, each with its snippet, out of texts of up to tens of
    /// kilobytes: the text is lowercased and searched once, walked by character only as far as
    /// the window, and never bridged to Foundation (which copied it to UTF-16 and back, and was
    /// most of a search's time).
    func snippet(of text: String, width: Int = 120) -> String {
        if let ascii = asciiSnippet(of: text, width: width) { return ascii }
        // A newline is one byte in UTF-8, and so is the space that replaces it.
        let flat = text.utf8.contains(0x0A) ? String(decoding: text.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self) : text
        let lower = flat.lowercased()
        var offset = 0
        for word in words {
            if let range = lower.firstRange(of: word) {
                offset = lower.distance(from: lower.startIndex, to: range.lowerBound)
                break
            }
        }
        let from = flat.index(flat.startIndex, offsetBy: max(0, offset - width / 4), limitedBy: flat.endIndex) ?? flat.endIndex
        let to = flat.index(from, offsetBy: width, limitedBy: flat.endIndex) ?? flat.endIndex
        return (from > flat.startIndex ? "…" : "") + String(flat[from..<to]) + (to < flat.endIndex ? "…" : "")
    }

    /// `snippet(of:width:)` for ASCII text and words, on bytes: each byte is then one character
    /// (newlines, the one pair that would be a single character with a `\r` before them, become
    /// spaces), and lowercasing changes letters only. Nil for any other text.
    private func asciiSnippet(of text: String, width: Int) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }), words.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
        let flat = text.utf8.map { $0 == 0x0A ? 0x20 : $0 }
        let lower = flat.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        var offset = 0
        for word in words {
            if let at = Self.firstIndex(of: Array(word.utf8), in: lower) {
                offset = at
                break
            }
        }
        let from = min(max(0, offset - width / 4), flat.count)
        let to = min(from + width, flat.count)
        return (from > 0 ? "…" : "") + String(decoding: flat[from..<to], as: UTF8.self) + (to < flat.count ? "…" : "")
    }

    /// Where `needle` first occurs in `bytes`.
    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0] == first && bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
