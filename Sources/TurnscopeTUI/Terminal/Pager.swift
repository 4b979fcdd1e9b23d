import Foundation
import TurnscopeModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shows text in the user's `$PAGER` (default `less`) while the browser is suspended.
///
/// The text goes through a private temporary file (mode 0600: it may hold prompts), deleted
/// afterwards. It is sanitized first, so a pager without escape handling shows placeholders, never
/// raw escapes. The pager runs through `/bin/sh -c` because `$PAGER` may carry options
/// (`less -S`), with the file as `$1` so its name is never parsed by the shell.
enum Pager {
    /// Runs the pager on `text` with the terminal on `terminal`; returns a reason when it could not.
    static func show(_ text: String, terminal descriptor: Int32) -> String? {
        let directory = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array((directory + "turnscope-page-XXXXXX").utf8CString)
        let file = mkstemp(&template)
        guard file >= 0 else { return "cannot create a temporary file: \(String(cString: strerror(errno)))" }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        NcursesTerminal.writeAll(Array(TerminalText.sanitize(text, keepingNewlines: true).utf8), to: file)
        _ = close(file)

        let environment = ProcessInfo.processInfo.environment
        let pager = environment["PAGER"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? "less"
        return run(["/bin/sh", "-c", pager + " \"$1\"", "turnscope-pager", path], environment: environment, terminal: descriptor)
    }

    /// Spawns `arguments` with the terminal as its standard input and output and waits for it.
    /// Meanwhile Ctrl-C and Ctrl-\ belong to the pager (this process ignores them, like `system()`),
    /// and Ctrl-Z stops this process with it rather than letting ncurses repaint over the pager.
    private static func run(_ arguments: [String], environment: [String: String], terminal: Int32) -> String? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, terminal, STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, terminal, STDOUT_FILENO)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var ignore = TerminalRestore.signalAction(SIG_IGN)
        var standard = TerminalRestore.signalAction(SIG_DFL)
        var oldInterrupt = sigaction()
        var oldQuit = sigaction()
        var oldStop = sigaction()
        sigaction(SIGINT, &ignore, &oldInterrupt)
        sigaction(SIGQUIT, &ignore, &oldQuit)
        sigaction(SIGTSTP, &standard, &oldStop)
        defer {
            sigaction(SIGINT, &oldInterrupt, nil)
            sigaction(SIGQUIT, &oldQuit, nil)
            sigaction(SIGTSTP, &oldStop, nil)
        }

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else { return "cannot run the pager: \(String(cString: strerror(status)))" }
        var result: Int32 = 0
        while waitpid(pid, &result, 0) < 0, errno == EINTR {}
        // sh exits 127 when the pager is not found.
        if (result & 0x7f) == 0, (result >> 8) & 0xff == 127 { return "the pager was not found (set $PAGER)" }
        return nil
    }
}
