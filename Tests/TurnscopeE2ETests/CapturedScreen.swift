/// A `capture-pane -e -p` capture read back: each row's text and, per character, whether it was
/// drawn reversed, plus every escape sequence the capture holds.
///
/// tmux writes an SGR sequence only where attributes change, possibly lines earlier, so the state
/// is tracked through the whole capture rather than guessed line by line.
struct CapturedScreen {
    struct Row {
        var text = ""
        /// For each character of `text`, whether it was drawn in reverse video.
        var reversed: [Bool] = []

        /// Whether most of the row's non-blank characters are reversed (a selection bar).
        var isSelected: Bool {
            let marks = zip(text, reversed).filter { $0.0 != " " }.map(\.1)
            return !marks.isEmpty && marks.filter { $0 }.count * 2 > marks.count
        }
    }

    var rows: [Row] = []
    /// Every escape sequence found, verbatim (ESC included).
    var sequences: [String] = []

    init(_ capture: String) {
        var reverse = false
        var row = Row()
        var iterator = Array(capture.unicodeScalars)[...]
        while let scalar = iterator.popFirst() {
            if scalar == "\n" {
                rows.append(row)
                row = Row()
                continue
            }
            guard scalar == "\u{1B}" else {
                row.text.unicodeScalars.append(scalar)
                if row.text.count > row.reversed.count { row.reversed.append(reverse) }
                continue
            }
            var sequence = "\u{1B}"
            if iterator.first == "[" {
                sequence.unicodeScalars.append(iterator.removeFirst())
                while let next = iterator.popFirst() {
                    sequence.unicodeScalars.append(next)
                    if (0x40...0x7E).contains(next.value) { break }
                }
                if sequence.hasSuffix("m") { reverse = Self.apply(sequence, reverse: reverse) }
            } else if let next = iterator.popFirst() {
                sequence.unicodeScalars.append(next)
            }
            sequences.append(sequence)
        }
        if !row.text.isEmpty { rows.append(row) }
    }

    /// The reverse-video state after an SGR sequence.
    private static func apply(_ sequence: String, reverse: Bool) -> Bool {
        var reverse = reverse
        let parameters = sequence.dropFirst(2).dropLast().split(separator: ";", omittingEmptySubsequences: false)
        var index = 0
        while index < parameters.count {
            switch Int(parameters[index]) ?? 0 {
            case 0: reverse = false
            case 7: reverse = true
            case 27: reverse = false
            case 38, 48, 58:
                // Extended colours carry sub-parameters: 5;n or 2;r;g;b.
                index += (Int(parameters[safe: index + 1] ?? "") == 2) ? 4 : 2
            default: break
            }
            index += 1
        }
        return reverse
    }

    /// The rows drawn as selected (reverse video over most of the row), header excluded.
    var selectedRows: [String] { rows.dropFirst().filter(\.isSelected).map(\.text) }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
