import Foundation
import Testing

/// A real terminal for the browser: a detached tmux session on a private server (its own `-L`
/// socket, no user config), driven with `send-keys` and read with `capture-pane`.
///
/// The command runs under `sh -c` followed by `echo "turnscope exited $?"` and a long sleep, so the
/// pane outlives it and a test can read its exit status and what it left on the screen. Everything
/// is removed (server and temporary directory) when the session goes away.
final class TmuxSession {
    /// The package root: this file is `<root>/Tests/TurnscopeE2ETests/TmuxSession.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The binary `swift build --build-tests` leaves; the tests do not build it themselves.
    static let binary = packageRoot.appendingPathComponent(".build/debug/turnscope").path
    static let sampleData = packageRoot.appendingPathComponent("sample-data/demo.jsonl").path
    /// How long to wait for the screen to show something. Generous: the machine may be busy
    /// building; no test asserts on speed.
    static let patience: TimeInterval = 45

    let socket = "turnscope-e2e-\(UUID().uuidString.prefix(8))"
    let directory: URL
    private let tmux: String

    /// The last screen captured, for failure messages.
    private(set) var lastScreen = ""
    /// Variables a test adds to the environment (the mirror's, say).
    var extraEnvironment: [String: String] = [:]

    init() throws {
        let found = ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":")
            .map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        tmux = try #require(found, "tmux is not installed: run scripts/bootstrap (it installs tmux for these tests)")
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary),
            "turnscope binary not found at \(Self.binary): build it first with `swift build --build-tests`")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        _ = try? Self.run(tmux, ["-L", socket, "kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// A path inside the session's temporary directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A database holding the sample data, imported with `turnscope import`.
    func sampleDatabase(_ name: String = "sample.db") throws -> String {
        let database = path(name)
        let result = try turnscope(["import", "--db", database, Self.sampleData])
        try #require(result.status == 0, "import failed: \(result.output)")
        return database
    }

    /// Runs `turnscope` outside tmux (an import, say) and returns its status and output.
    func turnscope(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Self.run(Self.binary, arguments, environment: environment)
    }

    /// Starts `turnscope ARGUMENTS` in a new `width`×`height` pane. `prefix` goes before the
    /// command in the shell line (`TERM=dumb`, say).
    func start(_ arguments: [String], width: Int = 100, height: Int = 30, prefix: String = "") throws {
        let command = ([Self.binary] + arguments).map(Self.quote).joined(separator: " ")
        let line = "\(prefix) \(command); echo \"turnscope exited $?\"; exec sleep 100000"
        var tmuxArguments = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { tmuxArguments += ["-e", "\(key)=\(value)"] }
        tmuxArguments += ["sh", "-c", line]
        let result = try Self.run(tmux, tmuxArguments, environment: environment)
        try #require(result.status == 0, "tmux new-session failed: \(result.output)")
    }

    /// Starts an interactive bash (job control on, prompt `PROMPT$ `) in a new pane, and types
    /// `turnscope ARGUMENTS` into it.
    func startInShell(_ arguments: [String], width: Int = 100, height: Int = 30) throws {
        var tmuxArguments = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { tmuxArguments += ["-e", "\(key)=\(value)"] }
        tmuxArguments += ["bash", "--norc", "--noprofile", "-i"]
        let result = try Self.run(tmux, tmuxArguments, environment: environment)
        try #require(result.status == 0, "tmux new-session failed: \(result.output)")
        // Set by typing: bash resets an inherited PS1 in some setups.
        try type("PS1='PROMPT''$ '")
        try send("Enter")
        try waitFor("PROMPT$")  // capture-pane drops the trailing space
        try type(([Self.binary] + arguments).map(Self.quote).joined(separator: " "))
        try send("Enter")
    }

    /// The environment of everything the session runs: a home of its own, no database or price
    /// overrides and no Langfuse destination from the developer, colour allowed, UTF-8. (tmux sets
    /// TERM itself.)
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LANGFUSE_") }
        environment["TURNSCOPE_DB"] = nil
        environment["TURNSCOPE_PRICES"] = nil
        // The coding agents' transcripts are read from the test's own home only.
        environment["CLAUDE_CONFIG_DIR"] = nil
        environment["CODEX_HOME"] = nil
        environment["TMUX"] = nil
        environment["TMUX_PANE"] = nil
        environment["NO_COLOR"] = ""
        environment["HOME"] = directory.path
        environment["XDG_DATA_HOME"] = directory.appendingPathComponent("xdg-data").path
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("xdg-config").path
        environment["LANG"] = "C.UTF-8"
        environment["PAGER"] = "cat"
        // The crash test sends SIGSEGV with kill: Swift's backtracer would print, return, and let the
        // process go on (a real fault faults again); without it the default action ends the process.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(extraEnvironment) { $1 }
        return environment
    }

    /// Runs any tmux command on this session's server.
    @discardableResult
    func server(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Self.run(tmux, ["-L", socket] + arguments)
    }

    /// Types keys as tmux names them (`Enter`, `Escape`, `C-c`, `q`).
    func send(_ keys: String...) throws {
        _ = try Self.run(tmux, ["-L", socket, "send-keys", "-t", "0"] + keys)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        _ = try Self.run(tmux, ["-L", socket, "send-keys", "-t", "0", "-l", text])
    }

    /// Resizes the window as a terminal emulator would.
    func resize(width: Int, height: Int) throws {
        let result = try Self.run(tmux, ["-L", socket, "resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
        try #require(result.status == 0, "tmux resize-window failed: \(result.output)")
    }

    /// The screen's text (`escapes`: with the SGR sequences of colours and attributes).
    func capture(escapes: Bool = false) throws -> String {
        let result = try Self.run(tmux, ["-L", socket, "capture-pane", "-p", "-t", "0"] + (escapes ? ["-e"] : []))
        lastScreen = result.output
        return result.output
    }

    /// A tmux format about the pane, such as `#{alternate_on}` or `#{pane_title}`.
    func query(_ format: String) throws -> String {
        try Self.run(tmux, ["-L", socket, "display-message", "-p", "-t", "0", format]).output
            .trimmingCharacters(in: .newlines)
    }

    /// The pid of the command running in the pane (the child of its `sh`).
    func commandPid() throws -> Int32 {
        let shell = try query("#{pane_pid}")
        let children = try Self.run("/bin/ps", ["-o", "pid=", "--ppid", shell]).output
        return try #require(
            children.split(separator: "\n").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }.first,
            "no process under the pane's shell \(shell)")
    }

    /// Captures until `condition` holds for the screen, and returns that screen; fails the test
    /// with the last screen when it never does.
    @discardableResult
    func waitFor(
        _ what: String, escapes: Bool = false, timeout: TimeInterval = patience,
        sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let screen = try capture(escapes: escapes)
            if condition(screen) { return screen }
            if Date() > deadline {
                Issue.record("waited \(Int(timeout))s for \(what); the screen was:\n\(screen)", sourceLocation: sourceLocation)
                throw WaitFailure(what: what)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("\"\(text)\" on screen", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits until the browser has exited, and returns its exit status.
    func waitForExit(sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let screen = try waitFor("turnscope to exit", sourceLocation: sourceLocation) { $0.contains("turnscope exited ") }
        let line = screen.split(separator: "\n").last { $0.contains("turnscope exited ") }!
        return Int(line.split(separator: " ").last!)!
    }

    struct WaitFailure: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }

    // MARK: Processes

    static func quote(_ word: String) -> String {
        if word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs a program to completion; output is standard output and error, through a file so a
    /// chatty program can never block on a full pipe.
    ///
    /// posix_spawn and waitpid rather than Foundation's `Process`: `tmux new-session` forks the tmux
    /// server, which inherits the descriptor `Process` watches to learn that its child ended, so
    /// `waitUntilExit()` would wait for the server rather than for the command.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (
        status: Int32, output: String
    ) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-out-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let variables = environment ?? ProcessInfo.processInfo.environment
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        // The test runner blocks signals on some of its threads (the terminal tests do), and a
        // spawned process inherits the mask of the thread that spawns it: a tmux server started
        // with SIGHUP and SIGCHLD blocked never reaps its panes nor exits on kill-server, and
        // every test left a browser running. Children start with no signal blocked, and with
        // default handling of the signals tmux and the browser rely on.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SpawnFailure(description: "cannot run \(program): error \(spawned)") }
        // A command that hangs is killed after two minutes rather than hanging the suite.
        let deadline = Date().addingTimeInterval(120)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0, errno != EINTR { break }
            if Date() > deadline { kill(pid, SIGKILL) }
            usleep(5_000)
        }
        let output = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        var description: String
    }
}
