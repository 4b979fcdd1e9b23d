import Testing
import TurnscopeModel

/// Text made safe and measurable for a terminal: hostile bytes are shown, never executed, and
/// columns are counted as the terminal counts them.
@Suite struct TerminalTextTests {
    // MARK: - sanitize

    @Test func showsEscapeBellAndCarriageReturnAsPlaceholders() {
        #expect(TerminalText.sanitize("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")
        #expect(TerminalText.sanitize("\u{1B}]0;pwned\u{7}") == "␛]0;pwned␇")
        #expect(TerminalText.sanitize("12%\r57%\r100%") == "12%␍57%␍100%")
        #expect(TerminalText.sanitize("hunter2\u{8}\u{8}") == "hunter2␈␈")
        #expect(TerminalText.sanitize("\u{0}") == "␀")
        #expect(TerminalText.sanitize("\u{7F}") == "␡")
    }

    @Test func showsNewlinesAndTabsUnlessAskedToKeepThem() {
        #expect(TerminalText.sanitize("a\nb\tc") == "a␊b␉c")
        #expect(TerminalText.sanitize("a\r\nb") == "a␍␊b")
        #expect(TerminalText.sanitize("a\nb\tc\r", keepingNewlines: true) == "a\nb    c␍")
    }

    @Test func replacesC1ControlsAndBidiOverrides() {
        #expect(TerminalText.sanitize("\u{9B}31m") == "\u{FFFD}31m")  // C1 CSI
        #expect(TerminalText.sanitize("a\u{85}b") == "a\u{FFFD}b")  // C1 NEL
        #expect(TerminalText.sanitize("\u{202E}desrever\u{202C}") == "\u{FFFD}desrever\u{FFFD}")
        #expect(TerminalText.sanitize("\u{2066}x\u{2069}") == "\u{FFFD}x\u{FFFD}")
    }

    @Test func leavesOrdinaryTextAlone() {
        for text in ["", "plain", "日本語のテスト", "🚀 👩‍💻 café e\u{301}", "tabs? none", "‹quotes› — “dashes”"] {
            #expect(TerminalText.sanitize(text) == text)
        }
    }

    @Test func noDangerousScalarSurvives() {
        let hostile = (0..<0x100).compactMap(Unicode.Scalar.init).map(String.init).joined()
            + "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"
        for keepingNewlines in [false, true] {
            let safe = TerminalText.sanitize(hostile, keepingNewlines: keepingNewlines)
            let dangerous = safe.unicodeScalars.filter { scalar in
                let value = scalar.value
                if keepingNewlines, value == 0x0A { return false }
                return value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
                    || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            }
            #expect(dangerous.isEmpty, "\(dangerous.map { String($0.value, radix: 16) })")
        }
    }

    // MARK: - width

    @Test(arguments: [
        ("", 0), ("abc", 3), ("日本語", 6), ("한국어", 6), ("Ａ", 2), ("テスト", 6), ("🚀", 2), ("👩‍💻", 2), ("❤️", 2),
        ("👍🏽", 2), ("🇯🇵", 2), ("e\u{301}", 1), ("cafe\u{301}", 4), ("a\u{200B}b", 2), ("x\u{20DD}", 1), ("␛", 1),
        ("\u{1B}", 1), ("日本語 and 🚀", 13),
    ] as [(String, Int)])
    func countsColumns(_ text: String, _ columns: Int) {
        #expect(TerminalText.width(text) == columns)
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect(TerminalText.width(of: "\u{301}" as Unicode.Scalar) == 0)
        #expect(TerminalText.width(of: "\u{200D}" as Unicode.Scalar) == 0)
        #expect(TerminalText.width(of: "a" as Unicode.Scalar) == 1)
        #expect(TerminalText.width(of: "語" as Unicode.Scalar) == 2)
    }

    // MARK: - truncate and fit

    @Test func truncateKeepsWhatFits() {
        #expect(TerminalText.truncate("hello", to: 5) == "hello")
        #expect(TerminalText.truncate("日本", to: 4) == "日本")
        #expect(TerminalText.truncate("", to: 3) == "")
    }

    @Test func truncateEndsWithAnEllipsis() {
        #expect(TerminalText.truncate("hello world", to: 5) == "hell…")
        #expect(TerminalText.truncate("hello", to: 1) == "…")
        #expect(TerminalText.truncate("hello", to: 0) == "")
        #expect(TerminalText.truncate("cafe\u{301} au lait", to: 5) == "cafe\u{301}…")
    }

    @Test func truncateNeverSplitsAWideCharacter() {
        #expect(TerminalText.truncate("日本語のテスト", to: 6) == "日本…")  // 語 would straddle the edge
        #expect(TerminalText.truncate("日本語のテスト", to: 7) == "日本語…")
        #expect(TerminalText.truncate("ab👩‍💻cd", to: 4) == "ab…")
        #expect(TerminalText.truncate("ab👩‍💻cd", to: 5) == "ab👩‍💻…")
        #expect(TerminalText.truncate("🇯🇵🇯🇵", to: 3) == "🇯🇵…")
    }

    @Test func truncateAlwaysFitsAndIsAPrefix() {
        let texts = ["日本語のテストです", "ab👩‍💻cd🚀ef", "cafe\u{301} cafe\u{301}", "mixed 日本 and 🚀 text", "plain ascii text"]
        for text in texts {
            for columns in 1...20 {
                let cut = TerminalText.truncate(text, to: columns)
                #expect(TerminalText.width(cut) <= columns, "\(text) to \(columns): \(cut)")
                if cut != text {
                    #expect(cut.hasSuffix("…"), "\(text) to \(columns): \(cut)")
                    // Whole characters only: the kept part is a prefix in grapheme clusters.
                    #expect(Array(text).starts(with: Array(cut.dropLast())), "\(text) to \(columns): \(cut)")
                }
            }
        }
    }

    @Test func truncateAgreesWithMeasuringEveryCharacter() {
        // The definition, character by character: ASCII text and long text that stops early
        // must give exactly this.
        func reference(_ text: String, _ columns: Int) -> String {
            guard columns > 0 else { return "" }
            if text.reduce(0, { $0 + TerminalText.width(of: $1) }) <= columns { return text }
            var kept = ""
            var used = 0
            for character in text {
                let w = TerminalText.width(of: character)
                if used + w > columns - 1 { break }
                kept.append(character)
                used += w
            }
            return kept + "…"
        }
        let texts = [
            "plain ascii text", "tabs\tand\u{1B}escapes", "日本語 and ascii", "ab👩‍💻cd", "cafe\u{301}s", "x\u{200B}y",
            String(repeating: "Refactor the auth module ", count: 20), String(repeating: "日本", count: 50),
        ]
        for text in texts {
            #expect(TerminalText.width(text) == text.reduce(0) { $0 + TerminalText.width(of: $1) }, "\(text)")
            for columns in 0...60 {
                #expect(TerminalText.truncate(text, to: columns) == reference(text, columns), "\(text) to \(columns)")
            }
        }
    }

    @Test func fitPadsToExactlyTheWidth() {
        #expect(TerminalText.fit("日本", to: 6) == "日本  ")
        #expect(TerminalText.fit("日本", to: 6, alignRight: true) == "  日本")
        #expect(TerminalText.fit("日本語", to: 4) == "日… ")  // the wide 本 is dropped whole, a space fills in
        #expect(TerminalText.fit("abc", to: 3) == "abc")
        for columns in 1...10 {
            #expect(TerminalText.width(TerminalText.fit("日本語 🚀 text", to: columns)) == columns)
        }
    }
}
