import CNcurses

/// How ncurses key codes and typed characters become the browser's `Key`s.
///
/// Pure functions, separate from `NcursesTerminal`, so the mapping is readable in one place. In raw
/// mode every control byte arrives as a character: Ctrl-C (3) is a key the browser maps to quit,
/// Ctrl-Z (26) one the runner answers by suspending.
public enum KeyCodes {
    /// What a character from `wget_wch` (status OK) means; nil for ESC (27), which needs a look at
    /// what follows, and for bytes no key produces.
    public static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return nil
        case 1...26:
            // Ctrl-A is 1 … Ctrl-Z is 26.
            return .control(Character(Unicode.Scalar(UInt8(code - 1) + UInt8(ascii: "a"))))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// What a key code from `wget_wch` (status KEY_CODE_YES) means; nil for KEY_MOUSE (read with
    /// `getmouse`) and codes the browser does not use.
    public static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_A3: return .pageUp
        case KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case ts_key_f(1)...ts_key_f(12): return .function(Int(code - ts_key_f(0)))
        default: return nil
        }
    }
}
