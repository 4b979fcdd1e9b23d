/// Text made safe and measurable for a terminal.
///
/// Captured prompts can hold anything, including escape sequences that would recolour, retitle or
/// wipe the user's terminal. Every control character becomes a visible placeholder (ESC shows as
/// `␛`, BEL as `␇`, a lone CR as `␍`), so hostile text is shown, never executed.
public enum TerminalText {
    /// `text` with every control character replaced by its visible placeholder. Newlines and tabs
    /// become placeholders too unless `keepingNewlines` (then tabs become spaces).
    public static func sanitize(_ text: String, keepingNewlines: Bool = false) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isControl(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepingNewlines, scalar == "\n" {
                result.append(scalar)
            } else if keepingNewlines, scalar == "\t" {
                result.append(contentsOf: "    ".unicodeScalars)
            } else if isControl(scalar) {
                result.append(placeholder(for: scalar))
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether a scalar must never reach the terminal raw: C0, DEL, C1, and the bidirectional
    /// overrides that can make text display in a misleading order.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    private static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x20 { return Unicode.Scalar(0x2400 + value)! }  // ␀ … ␟ (Control Pictures)
        if value == 0x7F { return "\u{2421}" }  // ␡
        return "\u{FFFD}"
    }

    /// Columns a string takes in a terminal: wide (East Asian, emoji) characters take two,
    /// combining marks and zero-width joiners none.
    public static func width(_ text: String) -> Int {
        if let columns = printableASCIIWidth(text) { return columns }
        return text.reduce(0) { $0 + width(of: $1) }
    }

    /// The width of text made of printable ASCII only (one column per byte), else nil: most of
    /// what a table shows (ids, numbers, English prompts), measured without a Unicode property
    /// lookup per character, which made drawing the sessions list cost milliseconds.
    private static func printableASCIIWidth(_ text: String) -> Int? {
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F else { return nil }
            count += 1
        }
        return count
    }

    /// Columns one grapheme cluster takes.
    public static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1,
            character.unicodeScalars.contains(where: { $0.value == 0xFE0F || $0.properties.isEmojiPresentation })
        {
            return 2
        }
        return width(of: first)
    }

    /// Columns one scalar takes.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20, value < 0x7F { return 1 }  // printable ASCII, without a property lookup
        if value == 0 { return 0 }
        if isControl(scalar) { return 1 }  // shown as a one-column placeholder
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The longest prefix of `text` that fits in `columns`, ending in `…` when something was cut.
    /// A wide character that would straddle the edge is dropped whole, never split.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if let whole = printableASCIIWidth(text) {
            return whole <= columns ? text : String(decoding: text.utf8.prefix(columns - 1), as: UTF8.self) + "…"
        }
        // One pass that stops as soon as the text is known not to fit: a long prompt in a narrow
        // column is measured only as far as the column reaches.
        var used = 0
        var cut: String.Index?
        for index in text.indices {
            let w = width(of: text[index])
            if cut == nil, used + w > columns - 1 { cut = index }
            used += w
            if used > columns { break }
        }
        guard used > columns, let cut else { return text }
        return String(text[..<cut]) + "…"
    }

    /// `text` truncated or padded with spaces to exactly `columns`.
    public static func fit(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: columns)
        let padding = String(repeating: " ", count: max(0, columns - width(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
