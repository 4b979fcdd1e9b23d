import Foundation
import Testing

/// What one run of `turnscope` left behind: its exit status and everything it wrote.
struct CommandOutput: CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    /// Whether a signal ended it (a crash, or the runner's timeout).
    var crashed = false
    var stdoutData: Data
    var stderrData: Data

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// The non-empty lines of standard output and standard error.
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }

    /// Enough to understand a failed expectation without running the command again.
    var description: String {
        "turnscope \(arguments.joined(separator: " ")) exited \(status)\n--- stdout\n\(stdout.prefix(2000))\n--- stderr\n\(stderr.prefix(2000))"
    }
}

/// Runs the real `turnscope` executable, as a user would, in a private temporary directory that is
/// removed when the runner goes away.
///
/// The binary is the one `swift build --build-tests` leaves in `<package>/.build/debug/`; the tests
/// do not build it themselves. The child gets an environment without `TURNSCOPE_DB` or
/// `TURNSCOPE_PRICES`, and with `HOME` and the XDG directories inside the temporary directory, so
/// nothing the developer has configured (or their real database) can leak into a test.
final class CommandRunner {
    /// The package root: this file is `<root>/Tests/TurnscopeCLITests/CommandRunner.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/turnscope")
    /// `sample-data/demo.jsonl`: 193 records (docs/native-format.md §13).
    static let sampleData = packageRoot.appendingPathComponent("sample-data/demo.jsonl").path
    /// A run that takes longer than this is killed and reported, rather than hanging the suite.
    static let timeout: TimeInterval = 60

    /// The temporary directory of this runner.
    let directory: URL

    /// The database path tests use by default (not created until a command creates it).
    var database: String { path("turnscope.db") }

    init() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary.path),
            "turnscope binary not found at \(Self.binary.path): build it first with `swift build --build-tests`")
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("turnscope-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A path inside the temporary directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes a file into the temporary directory and returns its path.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = path(name)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    /// Runs `turnscope` with these arguments; `stdin` is fed to standard input (else it is empty),
    /// and `environment` is set on top of the runner's own.
    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> CommandOutput {
        let result = try Self.execute(arguments, stdin: stdin, environment: environment, in: directory)
        if result.crashed {
            Issue.record("turnscope was killed by a signal (a crash, or over \(Self.timeout)s)\n\(result)")
        }
        return result
    }

    /// Imports the sample data into `database` (or another file) and requires that it worked.
    @discardableResult
    func importSampleData(into database: String? = nil) throws -> CommandOutput {
        let result = try run(["import", "--db", database ?? self.database, Self.sampleData])
        try #require(result.status == 0, "\(result)")
        return result
    }

    /// Puts a database holding the sample data at `database` (or another path): a copy of one
    /// imported once per test process, for tests that read it rather than test the import.
    func useSampleDatabase(at database: String? = nil) throws {
        let template = try Self.sampleDatabase.get()
        try FileManager.default.copyItem(atPath: template, toPath: database ?? self.database)
    }

    /// The sample data imported once, in a directory removed when the test process exits.
    private static let sampleDatabase: Result<String, ImportFailure> = {
        let directory = sampleDirectory
        atexit { _ = try? FileManager.default.removeItem(at: CommandRunner.sampleDirectory) }
        let database = directory.appendingPathComponent("sample.db").path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let result = try execute(["import", "--db", database, sampleData], stdin: nil, in: directory)
            guard result.status == 0, !result.crashed else { return .failure(ImportFailure(description: "\(result)")) }
            return .success(database)
        } catch {
            return .failure(ImportFailure(description: "cannot import the sample data: \(error)"))
        }
    }()
    private static let sampleDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("turnscope-cli-test-sample-\(UUID().uuidString)")

    struct ImportFailure: Error, CustomStringConvertible {
        var description: String
    }

    private static func execute(
        _ arguments: [String], stdin: Data?, environment extra: [String: String] = [:], in directory: URL
    ) throws -> CommandOutput {
        let id = UUID().uuidString
        let stdoutFile = directory.appendingPathComponent("stdout-\(id)").path
        let stderrFile = directory.appendingPathComponent("stderr-\(id)").path
        let stdinFile = directory.appendingPathComponent("stdin-\(id)").path
        try (stdin ?? Data()).write(to: URL(fileURLWithPath: stdinFile))
        try Data().write(to: URL(fileURLWithPath: stdoutFile))
        try Data().write(to: URL(fileURLWithPath: stderrFile))
        defer {
            for file in [stdoutFile, stderrFile, stdinFile] { try? FileManager.default.removeItem(atPath: file) }
        }
        // Files rather than pipes: a child that writes a lot can never block on a full pipe.
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutFile))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrFile))
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinFile))
        defer {
            try? output.close()
            try? errors.close()
            try? input.close()
        }

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment(in: directory).merging(extra) { $1 }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()

        return CommandOutput(
            arguments: arguments, status: process.terminationStatus,
            crashed: process.terminationReason == .uncaughtSignal,
            stdoutData: try Data(contentsOf: URL(fileURLWithPath: stdoutFile)),
            stderrData: try Data(contentsOf: URL(fileURLWithPath: stderrFile)))
    }

    /// The child's environment: no `TURNSCOPE_DB` or `TURNSCOPE_PRICES`, and a home of its own.
    private static func environment(in directory: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TURNSCOPE_DB"] = nil
        environment["TURNSCOPE_PRICES"] = nil
        // The coding agents' transcripts are read from the test's own home only.
        environment["CLAUDE_CONFIG_DIR"] = nil
        environment["CODEX_HOME"] = nil
        environment["HOME"] = directory.path
        environment["XDG_DATA_HOME"] = directory.appendingPathComponent("xdg-data").path
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("xdg-config").path
        return environment
    }
}

/// The JSON value of a text, parsed by Foundation rather than by Turnscope's own parser, so a bug in
/// one cannot hide a bug in the other.
func parseJSON(_ text: some StringProtocol) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// Each line of a JSON Lines text as an object.
func parseJSONLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
        try #require(try parseJSON(line) as? [String: Any], "not a JSON object: \(line.prefix(200))")
    }
}
