import Foundation

/// The collector of `bench ingest` in a child process (`turnscope bench-collector`): started on a
/// database, it says where it listens; told to stop, it says how much memory it used at most.
///
/// The benchmark's own process hosts the clients (their threads, payloads and samples), so its
/// peak memory is not the collector's: only a process of its own measures that. Whatever goes
/// wrong with the child (it cannot start, dies, hangs or prints something else) fails with a
/// `CommandError` that says so, and never leaves it running.
final class CollectorProcess {
    /// This executable, which has the `bench-collector` command.
    static var thisExecutable: URL { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath() }
    /// The environment variables that choose a mirror destination: the child gets none from us
    /// except the benchmark's own fake, whatever the user's shell has set.
    static let mirrorVariables = ["LANGFUSE_HOST", "LANGFUSE_BASE_URL", "LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"]

    private let process = Process()
    private let input = Pipe()
    private let output: PipeLines
    private let errors: PipeLines
    /// Where it listens, from its first line.
    private(set) var ready = BenchCollectorLines.Ready(httpPort: 0, grpcPort: 0)

    /// The child's process id.
    var pid: Int32 { process.processIdentifier }

    /// Starts `turnscope bench-collector` on `database` with the mirror as `mirror` says, and
    /// waits at most `readyTimeout` seconds for it to listen.
    static func start(
        database: String, mirror: IngestBenchmark.MirrorLeg, executable: URL = thisExecutable, readyTimeout: Double = 60
    ) async throws -> CollectorProcess {
        var environment = ProcessInfo.processInfo.environment
        for name in mirrorVariables { environment[name] = nil }
        let mode: BenchCollectorLines.Mirror
        switch mirror {
        case .off:
            mode = .off
        case .queueOnly:
            mode = .queued
        case .draining(let destination):
            // In its environment, not on its command line, where any user's `ps` would show the keys.
            mode = .draining
            environment["LANGFUSE_HOST"] = destination.host
            environment["LANGFUSE_PUBLIC_KEY"] = destination.publicKey
            environment["LANGFUSE_SECRET_KEY"] = destination.secretKey
        }
        let child = try CollectorProcess(
            executable: executable, arguments: ["bench-collector", "--database", database, "--mirror", mode.rawValue],
            environment: environment)
        try await child.waitUntilReady(timeout: readyTimeout)
        return child
    }

    /// Runs `executable` with `arguments`, its standard input, output and error on pipes: tests
    /// start other programs through it to see how failures are reported.
    init(executable: URL, arguments: [String], environment: [String: String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw CommandError("ingest benchmark: cannot start the collector process \(executable.path): \(error)")
        }
        // Read from the start, so that a child writing to a full pipe never blocks on us.
        self.output = PipeLines(output.fileHandleForReading)
        self.errors = PipeLines(errors.fileHandleForReading)
    }

    /// Kills the child if it is still running, so that no failure leaves it behind (Foundation
    /// reaps it).
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Reads its first line: the ports, or why there are none.
    func waitUntilReady(timeout: Double) async throws {
        switch await output.nextLine(timeout: timeout) {
        case .line(let line):
            guard let ready = BenchCollectorLines.decode(BenchCollectorLines.Ready.self, line) else {
                await killAndReap()
                throw await failure("printed \(Self.quoted(line)) where its ports were expected")
            }
            self.ready = ready
        case .ended:
            throw await failure(exitDescription() + " before it said where it listens")
        case .timedOut:
            await killAndReap()
            throw await failure("did not say where it listens within \(Self.seconds(timeout)); killed it")
        }
    }

    /// Closes its standard input (which tells it to stop), and returns the figures it prints
    /// once stopped, after it exited. Waits at most `timeout` seconds for the figures and as long
    /// again for the exit.
    func stop(timeout: Double = 120) async throws -> BenchCollectorLines.Stopped {
        // Closing rather than writing `stop`: a write to a child that already died would kill
        // this process with SIGPIPE, a close cannot.
        try? input.fileHandleForWriting.close()
        let stopped: BenchCollectorLines.Stopped
        switch await output.nextLine(timeout: timeout) {
        case .line(let line):
            guard let figures = BenchCollectorLines.decode(BenchCollectorLines.Stopped.self, line) else {
                await killAndReap()
                throw await failure("printed \(Self.quoted(line)) where its figures were expected")
            }
            stopped = figures
        case .ended:
            throw await failure(exitDescription() + " before it reported its figures")
        case .timedOut:
            await killAndReap()
            throw await failure("reported no figures within \(Self.seconds(timeout)) of being told to stop; killed it")
        }
        guard await exited(within: timeout) else {
            await killAndReap()
            throw await failure("reported its figures but did not exit within \(Self.seconds(timeout)); killed it")
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw await failure(exitDescription() + " after it reported its figures")
        }
        // Nothing it wrote is hidden: a warning on a successful run is still shown.
        for line in await errorLines() { FileHandle.standardError.write(Data("bench-collector: \(line)\n".utf8)) }
        return stopped
    }

    /// Kills the child when it is running, and waits until Foundation has reaped it, without
    /// blocking a thread of the cooperative pool (on two cores, blocking two of them stalls every task).
    func killAndReap() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = await exited(within: 30)
    }

    /// Whether the child exited within `timeout` seconds, polled without blocking a thread.
    private func exited(within timeout: Double) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// "exited with status 1" or "was killed by signal 9", once it has ended (killed if it
    /// closed its output yet keeps running).
    private func exitDescription() async -> String {
        if !(await exited(within: 30)) { await killAndReap() }
        return process.terminationReason == .uncaughtSignal
            ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
    }

    /// The error for `what` the child did, with what it wrote to its standard error.
    private func failure(_ what: String) async -> CommandError {
        let errors = await errorLines()
        let said = errors.isEmpty ? "" : ": " + errors.suffix(5).joined(separator: " / ")
        return CommandError("ingest benchmark: the collector process (pid \(process.processIdentifier)) \(what)\(said)")
    }

    /// Everything it wrote to standard error, once it has exited (up to a second for the last
    /// bytes to be read).
    private func errorLines() async -> [String] {
        var lines: [String] = []
        while !process.isRunning, case .line(let line) = await errors.nextLine(timeout: 1) { lines.append(line) }
        return lines
    }

    private static func quoted(_ line: String) -> String { "«\(line.prefix(200))»" }
    private static func seconds(_ value: Double) -> String { String(format: "%g s", value) }
}
