import CNcurses
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only code that talks to ncurses: it paints `ScreenBuffer`s and turns ncurses key codes into
/// `Key`s.
///
/// It drives the controlling terminal (`/dev/tty`) when there is one, so `turnscope | tee` still
/// browses; otherwise standard input and output. Use it from one thread only: ncurses is not
/// thread-safe. The terminal is restored by `close()`, and by `TerminalRestore` on signals and
/// crashes.
public final class NcursesTerminal {
    /// The terminal's size in cells, updated on resize.
    public private(set) var width: Int
    public private(set) var height: Int
    /// Whether colours are drawn (the theme wants them and the terminal has them).
    public let drawsColor: Bool
    public let mouse: Bool

    private let screen: OpaquePointer
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    /// Where escape sequences of our own (OSC 52) and the signal-path restore are written.
    public let outputDescriptor: Int32
    private let savedMode: termios?
    private let restoreSequence: [UInt8]
    /// The buffer last painted; nil forces a full repaint (first frame, resize, back from the shell).
    private var previous: ScreenBuffer?
    private var clearPending = true
    private var clicks = MouseClicks()
    private var closed = false

    /// Takes over the terminal, or explains why it cannot (not a terminal, `TERM=dumb`, an unknown
    /// `TERM`) without touching it.
    public init(theme: Theme, mouse: Bool) throws(TerminalError) {
        _ = ts_use_utf8_locale()

        // Prefer the controlling terminal; fall back to stdin/stdout when they are terminals.
        var inputDescriptor: Int32
        var outputDescriptor: Int32
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if tty >= 0 {
            inputDescriptor = tty
            outputDescriptor = fcntl(tty, F_DUPFD_CLOEXEC, 3)
        } else if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            inputDescriptor = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
            outputDescriptor = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
        } else {
            throw TerminalError("the browser needs a terminal, and this process has none; " + TerminalError.alternative)
        }

        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        switch ts_terminal_is_addressable(outputDescriptor) {
        case 1: break
        case 0:
            Self.closeDescriptors(inputDescriptor, outputDescriptor)
            throw TerminalError(
                "this terminal (TERM=\(term.isEmpty ? "unset" : term)) cannot move the cursor, so the browser cannot run in it; "
                    + TerminalError.alternative)
        default:
            Self.closeDescriptors(inputDescriptor, outputDescriptor)
            throw TerminalError(
                "the terminal type \(term.isEmpty ? "(TERM is unset)" : "TERM=\(term)") is unknown to this system's terminfo; "
                    + "set TERM to your terminal (xterm-256color, say), or "
                    + TerminalError.alternative)
        }

        var mode = termios()
        savedMode = tcgetattr(inputDescriptor, &mode) == 0 ? mode : nil

        guard let input = fdopen(inputDescriptor, "r"), let output = fdopen(outputDescriptor, "w") else {
            Self.closeDescriptors(inputDescriptor, outputDescriptor)
            throw TerminalError("cannot open the terminal: \(String(cString: strerror(errno))); " + TerminalError.alternative)
        }
        guard let screen = newterm(nil, output, input) else {
            fclose(input)
            fclose(output)
            throw TerminalError("ncurses cannot initialise this terminal (TERM=\(term)); " + TerminalError.alternative)
        }
        _ = set_term(screen)
        self.screen = screen
        self.input = input
        self.output = output
        self.outputDescriptor = outputDescriptor
        self.mouse = mouse

        // Raw rather than cbreak: Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys, so the browser decides
        // (Ctrl-C quits cleanly, Ctrl-Z suspends after restoring the terminal).
        raw()
        noecho()
        nonl()
        keypad(ts_stdscr(), true)
        _ = curs_set(0)
        // ncurses waits this long after ESC for the rest of an arrow key's sequence: 1 s by default,
        // which makes Esc feel broken. 25 ms is plenty for a local or ssh terminal.
        _ = ts_set_escdelay(25)

        if theme.usesColor, has_colors() {
            start_color()
            // The terminal's own background, never a painted black rectangle.
            use_default_colors()
            for color in Color.allCases { init_pair(Int16(color.rawValue), Int16(color.rawValue), -1) }
            drawsColor = true
        } else {
            drawsColor = false
        }
        if mouse {
            mousemask(ts_button1_pressed() | ts_button4_pressed() | ts_button5_pressed(), nil)
            // No click synthesis: a press acts at once; double presses are found by MouseClicks.
            mouseinterval(0)
        }
        width = Int(ts_columns(ts_stdscr()))
        height = Int(ts_lines(ts_stdscr()))

        restoreSequence = Self.restoreBytes(mouse: mouse)
        TerminalRestore.arm(descriptor: outputDescriptor, sequence: restoreSequence, savedMode: savedMode)
    }

    deinit { close() }

    // MARK: Painting

    /// Draws `buffer`: only the cells that changed since the last painted buffer, in runs of one
    /// style, then refreshes. After a resize or a return from the shell everything is drawn.
    public func paint(_ buffer: ScreenBuffer) {
        guard !closed else { return }
        let window = ts_stdscr()
        let columns = Int(ts_columns(window))
        let rows = Int(ts_lines(window))
        var text: [wchar_t] = []
        for run in ScreenDiff.runs(from: previous, to: buffer) where run.y < rows && run.x < columns {
            text.removeAll(keepingCapacity: true)
            var x = run.x
            for cell in run.cells {
                // Clip rather than let ncurses wrap onto the next row when the terminal just shrank.
                guard x + cell.columns <= columns else { break }
                Self.append(cell, to: &text)
                x += cell.columns
            }
            guard !text.isEmpty else { continue }
            let (attributes, pair) = attributes(of: run.style)
            wattr_set(window, attributes, pair, nil)
            wmove(window, Int32(run.y), Int32(run.x))
            // The bottom-right cell makes this return ERR (the cursor cannot advance past it), yet
            // it is drawn: the result is deliberately ignored.
            _ = text.withUnsafeBufferPointer { waddnwstr(window, $0.baseAddress, Int32($0.count)) }
        }
        wattr_set(window, ts_a_normal(), 0, nil)
        if clearPending {
            // Whatever is on the glass is unknown (first frame, after the shell or a pager): redraw it all.
            clearok(ts_curscr(), true)
            clearPending = false
        }
        wrefresh(window)
        previous = buffer
    }

    /// Forgets what is on screen, so the next `paint` draws everything.
    public func invalidate() {
        previous = nil
        clearPending = true
    }

    /// The ncurses attributes and colour pair of a style; colour is dropped when not drawn, the
    /// attributes always stay, so the structure reads in monochrome too.
    private func attributes(of style: Style) -> (attr_t, Int16) {
        var attributes = ts_a_normal()
        if style.bold { attributes |= ts_a_bold() }
        if style.dim { attributes |= ts_a_dim() }
        if style.reverse { attributes |= ts_a_reverse() }
        if style.underline { attributes |= ts_a_underline() }
        let pair = drawsColor ? Int16(style.foreground?.rawValue ?? 0) : 0
        return (attributes, pair)
    }

    /// Appends a cell's grapheme as wide characters, making sure it takes exactly the columns the
    /// buffer gave it: the C library's `wcwidth` (which ncurses uses) may disagree with Turnscope's
    /// width table on emoji sequences and recent characters, and a disagreement would shift the
    /// rest of the row.
    private static func append(_ cell: ScreenDiff.RunCell, to text: inout [wchar_t]) {
        let scalars = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        var total = 0
        for scalar in scalars {
            let w = wcwidth(scalar)
            if w < 0 { total = -1; break }
            total += Int(w)
        }
        if total == cell.columns {
            text.append(contentsOf: scalars)
            return
        }
        // An emoji sequence (ZWJ, flags) the C library measures scalar by scalar: show its first scalar.
        if let first = scalars.first {
            let w = Int(wcwidth(first))
            if w == cell.columns {
                text.append(first)
                return
            }
            if w == 1, cell.columns == 2 {
                text.append(first)
                text.append(wchar_t(32))
                return
            }
        }
        text.append(contentsOf: Array(repeating: wchar_t(63), count: cell.columns))  // "?"
    }

    // MARK: Input

    /// The next key, waiting at most `timeoutMilliseconds`; nil when none came (or the input was
    /// something the browser ignores, such as an Alt chord or a mouse release).
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !closed else { return nil }
        let window = ts_stdscr()
        wtimeout(window, Int32(timeoutMilliseconds))
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case KEY_CODE_YES:
            if Int32(code) == KEY_MOUSE { return readMouse() }
            let key = KeyCodes.key(forKeyCode: Int32(code))
            if key == .resize {
                // ncurses has already resized its screens (resizeterm) when it reports KEY_RESIZE.
                width = Int(ts_columns(window))
                height = Int(ts_lines(window))
                invalidate()
            }
            return key
        case OK:
            if code == 27 { return readAfterEscape() }
            return KeyCodes.key(forCharacter: UInt32(code))
        default:
            return nil
        }
    }

    /// ESC alone is Escape. ESC followed at once by more input is an Alt chord or a sequence ncurses
    /// does not know (ncurses already waited ESCDELAY for the ones it knows): it is read to its end
    /// and ignored, so its bytes are not taken for keys.
    private func readAfterEscape() -> Key? {
        let window = ts_stdscr()
        wtimeout(window, 0)
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        guard status != ERR else { return .escape }
        if status == OK, code == 27 { return .escape }
        if status == OK, code == UInt32(UInt8(ascii: "[")) || code == UInt32(UInt8(ascii: "O")) {
            // CSI or SS3: parameters, then a final byte in 0x40...0x7E.
            for _ in 0..<32 {
                guard wget_wch(window, &code) == OK else { break }
                if (0x40...0x7E).contains(code) { break }
            }
        }
        return nil
    }

    private func readMouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let x = Int(event.x)
        let y = Int(event.y)
        if event.bstate & ts_button4_pressed() != 0 { return .mouse(MouseEvent(action: .wheelUp, x: x, y: y)) }
        if event.bstate & ts_button5_pressed() != 0 { return .mouse(MouseEvent(action: .wheelDown, x: x, y: y)) }
        if event.bstate & (ts_button1_pressed() | ts_button1_clicked()) != 0 {
            let action = clicks.press(x: x, y: y, time: Self.monotonicSeconds())
            return .mouse(MouseEvent(action: action, x: x, y: y))
        }
        return nil
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    // MARK: Clipboard, suspend, close

    /// Puts `text` on the clipboard with OSC 52, written straight to the terminal.
    public func copyToClipboard(_ text: String) {
        guard !closed else { return }
        let tmux = !(ProcessInfo.processInfo.environment["TMUX"] ?? "").isEmpty
        fflush(output)
        Self.writeAll(Array(Clipboard.sequence(copying: text, tmux: tmux).utf8), to: outputDescriptor)
    }

    /// Gives the terminal back (cooked mode, cursor shown, main screen) until `resume()`.
    public func suspend() {
        guard !closed else { return }
        def_prog_mode()
        endwin()
        // endwin leaves the terminal's mouse reporting on, and the shell or the pager would read
        // the reports as typed garbage: switch it off directly.
        if mouse { Self.writeAll(Self.mouseOff, to: outputDescriptor) }
        TerminalRestore.disarm()
    }

    /// Takes the terminal again after `suspend()` and repaints everything on the next `paint`.
    public func resume() {
        guard !closed else { return }
        reset_prog_mode()
        _ = curs_set(0)
        if mouse {
            // ncurses still believes reporting is on (it was switched off behind its back): off, then
            // on again, so it sends the sequence that enables it.
            mousemask(0, nil)
            mousemask(ts_button1_pressed() | ts_button4_pressed() | ts_button5_pressed(), nil)
        }
        TerminalRestore.arm(descriptor: outputDescriptor, sequence: restoreSequence, savedMode: savedMode)
        // The terminal may have been resized meanwhile; ncurses reports it as KEY_RESIZE later.
        width = Int(ts_columns(ts_stdscr()))
        height = Int(ts_lines(ts_stdscr()))
        invalidate()
    }

    /// Ctrl-Z: restores the terminal, stops the job as the shell's Ctrl-Z would, and takes the
    /// terminal again when the shell continues it (`fg`). Returns false, doing nothing, when no
    /// job-control shell started the browser (it would stay stopped with nobody to continue it).
    @discardableResult
    public func suspendToShell() -> Bool {
        // A job-control shell gives each job a process group of its own, apart from its session's.
        guard getpgrp() != getsid(0) else { return false }
        suspend()
        // The whole process group, so a wrapper script (scripts/demo) stops with us and the shell
        // sees the job stopped. The stop reaches this thread asynchronously, so wait for SIGCONT
        // rather than run on into `resume()` before the stop takes effect.
        continued = 0
        var action = sigaction()
        var previous = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = onContinue
        #else
            action.__sigaction_u.__sa_handler = onContinue
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(SIGCONT, &action, &previous)
        kill(0, SIGSTOP)
        while continued == 0 { usleep(5_000) }
        sigaction(SIGCONT, &previous, nil)
        resume()
        return true
    }

    /// Restores the terminal for good. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        TerminalRestore.disarm()
        endwin()
        if mouse { Self.writeAll(Self.mouseOff, to: outputDescriptor) }
        delscreen(screen)
        fclose(input)
        fclose(output)
    }

    // MARK: Helpers

    /// What the signal path writes to restore the terminal: every attribute off, the cursor shown,
    /// the keypad in normal mode, the main screen back, mouse reporting off. Taken from terminfo
    /// now, while that is safe, so the handler only has to `write` it.
    private static func restoreBytes(mouse: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] where ts_has_string_capability(capability) != 0 {
            if let value = tigetstr(capability) { bytes += Array(String(cString: value).utf8) }
        }
        if mouse { bytes += mouseOff }
        return bytes
    }

    /// Switches off every xterm mouse reporting mode ncurses may have asked for.
    private static let mouseOff = Array("\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8)

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
    }

    private static func closeDescriptors(_ a: Int32, _ b: Int32) {
        closeDescriptor(a)
        if b != a { closeDescriptor(b) }
    }
}

/// Set by SIGCONT when the shell continues the stopped job (`fg`). Global because a C signal
/// handler cannot capture context; `nonisolated(unsafe)` because only that handler writes it and
/// only the UI thread reads it, which a word-sized store and load make safe.
private nonisolated(unsafe) var continued: Int32 = 0

private let onContinue: @convention(c) (Int32) -> Void = { _ in continued = 1 }

/// `close(2)`, out of reach of the method of the same name.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
