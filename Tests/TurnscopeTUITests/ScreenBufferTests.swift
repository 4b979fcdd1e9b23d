import Testing
import TurnscopeTUI

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test("control characters and escape sequences are drawn as visible placeholders, never raw")
    func hostileText() {
        var buffer = ScreenBuffer(width: 30, height: 1)
        buffer.write("a\u{1B}[2Jb\u{07}c\u{9B}d", x: 0, y: 0)
        #expect(buffer.line(0) == "a␛[2Jb␇c\u{FFFD}d")
        let everything = buffer.cells.map(\.text).joined()
        #expect(!everything.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("a wide character takes two cells and is never split at the edge")
    func wideCharacters() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        let used = buffer.write("日本語", x: 0, y: 0)
        // Two wide characters would need 4 columns plus the ellipsis: only one fits before "…".
        #expect(buffer.line(0) == "日本…")
        #expect(used == 5)
        #expect(buffer[1, 0].isContinuation)
    }

    @Test("overwriting half of a wide character blanks its other half")
    func overwriteHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.write("日本", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.line(0) == " x本")
        buffer.write("y", x: 2, y: 0)
        #expect(buffer.line(0) == " xy")
    }

    @Test("combining marks stay with their base character and emoji count two columns")
    func combiningAndEmoji() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        let used = buffer.write("e\u{301}👍x", x: 0, y: 0)
        #expect(used == 4)
        #expect(buffer.line(0) == "e\u{301}👍x")
    }

    @Test("text is clipped to the given width with an ellipsis")
    func clipping() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.write("abcdefghij", x: 2, y: 0, maxWidth: 5)
        #expect(buffer.line(0) == "  abcd…")
    }

    @Test("colour is off for a non-empty NO_COLOR and for TERM=dumb, on otherwise")
    func noColor() {
        #expect(!Theme.from(environment: ["NO_COLOR": "1"]).usesColor)
        #expect(Theme.from(environment: ["NO_COLOR": ""]).usesColor)
        #expect(!Theme.from(environment: ["TERM": "dumb"]).usesColor)
        #expect(Theme.from(environment: ["TERM": "xterm-256color"]).usesColor)
    }
}

@Suite("Text wrapping and formatting")
struct TextLayoutTests {
    @Test("wrapping measures columns, breaks at spaces, and caps long text with a count of what was left out")
    func wrap() {
        let (lines, omitted) = TextWrap.lines("one two three four\n日本語日本語\nlast", width: 8, maxLines: 3)
        #expect(lines == ["one two", "three", "four"])
        #expect(omitted == 2)
        let (cjk, _) = TextWrap.lines("日本語日本語", width: 8)
        #expect(cjk == ["日本語日", "本語"])
    }

    @Test("money is never a misleading zero for unknown cost")
    func money() {
        #expect(Formatting.money(nil) == "?")
        #expect(Formatting.money(0.01234) == "$0.0123")
        #expect(Formatting.money(12.5) == "$12.50")
        #expect(Formatting.money(12_345) == "$12,345")
    }

    @Test("tokens, durations and bars read at a glance")
    func compactNumbers() {
        #expect(Formatting.tokens(950) == "950")
        #expect(Formatting.tokens(12_345) == "12.3k")
        #expect(Formatting.tokens(1_080_000) == "1.08M")
        #expect(Formatting.duration(0.34) == "340ms")
        #expect(Formatting.duration(125) == "2m05s")
        #expect(Blocks.bar(1, of: 2, width: 4) == "██")
        #expect(Blocks.bar(0.01, of: 2, width: 4) == "▏")
        #expect(Blocks.sparkline([0, 1, 2]) == "▁▅█")
    }
}

@Suite("Key tables")
struct KeyTableTests {
    @Test("a screen's bindings shadow the global ones, and help lists what dispatch does")
    func shadowing() {
        let local = [KeyBinding([.character("n")], .nextTurn, "next turn")]
        #expect(KeyMap.command(for: .character("n"), local: local) == .nextTurn)
        #expect(KeyMap.command(for: .character("n"), local: []) == .nextMatch)
        let effective = KeyMap.effective(local: local)
        for binding in effective {
            for key in binding.keys { #expect(KeyMap.command(for: key, local: local) == binding.command) }
        }
        #expect(!effective.contains { $0.command == .nextMatch && $0.keys.contains(.character("n")) })
    }
}
