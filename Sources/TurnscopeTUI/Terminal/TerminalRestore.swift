import CNcurses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts the terminal back the way the shell left it when the process ends abnormally: on SIGINT,
/// SIGTERM and SIGHUP (then exits with 128 + the signal) and on a crash (SIGSEGV, SIGBUS, SIGILL,
/// SIGTRAP for Swift's traps, SIGABRT, SIGFPE: then re-raises with the previous handler, so Swift's
/// backtracer or the default core dump still happens, on a usable terminal).
///
/// A signal handler may only call async-signal-safe functions, so it does not call `endwin()`:
/// it restores the saved termios with `tcsetattr` and `write`s bytes prepared in advance from
/// terminfo (attributes off, cursor visible, keypad transmit off, alternate screen left, mouse
/// reporting off). Everything it reads is prepared before the handlers are installed.
enum TerminalRestore {
    /// The signal path's state. It is global because a C signal handler cannot capture context,
    /// and `nonisolated(unsafe)` because the handler runs outside Swift's concurrency model: it is
    /// written only on the UI thread before `armed` is set and after it is cleared.
    private nonisolated(unsafe) static var armed = false
    private nonisolated(unsafe) static var descriptor: Int32 = -1
    private nonisolated(unsafe) static var bytes: UnsafeMutablePointer<UInt8>?
    private nonisolated(unsafe) static var byteCount = 0
    private nonisolated(unsafe) static var savedMode = termios()
    private nonisolated(unsafe) static var hasSavedMode = false
    /// The handlers that were in place before ours, indexed by signal number.
    private nonisolated(unsafe) static var previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    private nonisolated(unsafe) static var installed = false

    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashing: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Records how to restore the terminal on `descriptor` (`sequence` is written as is) and
    /// installs the handlers once.
    static func arm(descriptor fd: Int32, sequence: [UInt8], savedMode mode: termios?) {
        armed = false
        if let old = bytes { old.deallocate() }
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, sequence.count))
        copy.initialize(from: sequence, count: sequence.count)
        bytes = copy
        byteCount = sequence.count
        descriptor = fd
        if let mode {
            savedMode = mode
            hasSavedMode = true
        } else {
            hasSavedMode = false
        }
        if !installed {
            installed = true
            for signal in terminating { install(onTerminatingSignal, for: signal) }
            for signal in crashing { install(onCrashingSignal, for: signal) }
        }
        armed = true
    }

    /// Stops restoring on signals: the terminal was restored the ordinary way (or is suspended).
    static func disarm() {
        armed = false
    }

    /// Restores the terminal if armed; async-signal-safe.
    static func restoreNow() {
        guard armed else { return }
        armed = false
        if hasSavedMode { _ = tcsetattr(descriptor, TCSANOW, &savedMode) }
        if let bytes {
            var offset = 0
            while offset < byteCount {
                let written = write(descriptor, bytes + offset, byteCount - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    private static func install(_ handler: @convention(c) (Int32) -> Void, for signal: Int32) {
        var action = signalAction(handler)
        sigaction(signal, &action, previous + Int(signal))
    }

    /// A `sigaction` running `handler` (or `SIG_DFL`/`SIG_IGN`) with no signals blocked and no flags.
    static func signalAction(_ handler: __sighandler_t?) -> sigaction {
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = handler
        #else
            action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        return action
    }

    /// Puts back the handler that was there before ours.
    fileprivate static func reinstallPrevious(for signal: Int32) {
        sigaction(signal, previous + Int(signal), nil)
    }
}

/// SIGINT, SIGTERM, SIGHUP: restore, then exit as the shell expects of a process a signal ended.
private let onTerminatingSignal: @convention(c) (Int32) -> Void = { signal in
    TerminalRestore.restoreNow()
    _exit(128 + signal)
}

/// A crash: restore, put the previous handler back (Swift's backtracer, or the default action) and
/// raise the signal again so the process still dies of it.
private let onCrashingSignal: @convention(c) (Int32) -> Void = { signal in
    TerminalRestore.restoreNow()
    TerminalRestore.reinstallPrevious(for: signal)
    raise(signal)
}
