import CNcurses
import Foundation
import Testing
import TurnscopeTUI

/// The terminal backend's pure parts, without a terminal: the paint diff, key codes, OSC 52 and
/// double-click detection.
@Suite("terminal backend parts")
struct TerminalPartsTests {
    @Test func firstFrameIsPaintedWhole() {
        var buffer = ScreenBuffer(width: 6, height: 2)
        buffer.write("ab", x: 0, y: 0, style: Style(bold: true))
        let runs = ScreenDiff.runs(from: nil, to: buffer)
        #expect(runs.map(\.text) == ["ab", "    ", "      "])
        #expect(runs.map(\.x) == [0, 2, 0])
        #expect(runs[0].style.bold && !runs[1].style.bold)
    }

    @Test func onlyTheChangedSpanOfAChangedRowIsPainted() {
        var before = ScreenBuffer(width: 10, height: 3)
        before.write("hello wor", x: 0, y: 1)
        var after = before
        after.write("J", x: 3, y: 1)
        after.write("X", x: 6, y: 1)
        let runs = ScreenDiff.runs(from: before, to: after)
        #expect(runs == [ScreenDiff.Run(x: 3, y: 1, style: .plain, cells: "Jo X".map { .init(text: String($0), columns: 1) })])
        #expect(ScreenDiff.runs(from: after, to: after).isEmpty)
    }

    @Test func aWideCharacterIsWrittenWholeAndItsContinuationSkipped() {
        var before = ScreenBuffer(width: 8, height: 1)
        before.write("a日本b", x: 0, y: 0)
        var after = before
        // Only the right half's neighbour changes: the run must not start on a continuation cell.
        after.write("c", x: 5, y: 0)
        var runs = ScreenDiff.runs(from: before, to: after)
        #expect(runs.map(\.text) == ["c"])
        after = before
        after.write("本", x: 1, y: 0)
        runs = ScreenDiff.runs(from: before, to: after)
        #expect(runs.map(\.text) == ["本"])
        #expect(runs.first?.x == 1)
        #expect(runs.first?.cells.first?.columns == 2)
    }

    @Test func sizeChangeRepaintsEverything() {
        let small = ScreenBuffer(width: 4, height: 2)
        let large = ScreenBuffer(width: 5, height: 3)
        #expect(ScreenDiff.runs(from: small, to: large).count == 3)
    }

    @Test func controlBytesBecomeKeys() {
        #expect(KeyCodes.key(forCharacter: 3) == .control("c"))
        #expect(KeyCodes.key(forCharacter: 26) == .control("z"))
        #expect(KeyCodes.key(forCharacter: 4) == .control("d"))
        #expect(KeyCodes.key(forCharacter: 9) == .tab)
        #expect(KeyCodes.key(forCharacter: 10) == .enter)
        #expect(KeyCodes.key(forCharacter: 13) == .enter)
        #expect(KeyCodes.key(forCharacter: 127) == .backspace)
        #expect(KeyCodes.key(forCharacter: 8) == .backspace)
        #expect(KeyCodes.key(forCharacter: 27) == nil)
        #expect(KeyCodes.key(forCharacter: 0x65E5) == .character("日"))
        #expect(KeyCodes.key(forCharacter: UInt32(UInt8(ascii: "q"))) == .character("q"))
    }

    @Test func ncursesKeyCodesBecomeKeys() {
        #expect(KeyCodes.key(forKeyCode: KEY_UP) == .up)
        #expect(KeyCodes.key(forKeyCode: KEY_NPAGE) == .pageDown)
        #expect(KeyCodes.key(forKeyCode: KEY_BTAB) == .backTab)
        #expect(KeyCodes.key(forKeyCode: KEY_RESIZE) == .resize)
        #expect(KeyCodes.key(forKeyCode: ts_key_f(1)) == .function(1))
        #expect(KeyCodes.key(forKeyCode: ts_key_f(12)) == .function(12))
        #expect(KeyCodes.key(forKeyCode: KEY_MOUSE) == nil)
    }

    @Test func osc52CarriesTheTextInBase64() {
        let plain = Clipboard.sequence(copying: "héllo", tmux: false)
        #expect(plain == "\u{1B}]52;c;aMOpbGxv\u{07}")
        let tmux = Clipboard.sequence(copying: "héllo", tmux: true)
        #expect(tmux.hasPrefix(plain))
        #expect(tmux.hasSuffix("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aMOpbGxv\u{07}\u{1B}\\"))
    }

    @Test func secondPressOnTheSameCellSoonAfterIsADoublePress() {
        var clicks = MouseClicks(interval: 0.4)
        #expect(clicks.press(x: 3, y: 4, time: 10.0) == .press)
        #expect(clicks.press(x: 3, y: 4, time: 10.2) == .doublePress)
        #expect(clicks.press(x: 3, y: 4, time: 10.3) == .press)
        #expect(clicks.press(x: 4, y: 4, time: 10.4) == .press)
        #expect(clicks.press(x: 4, y: 4, time: 11.0) == .press)
    }
}
