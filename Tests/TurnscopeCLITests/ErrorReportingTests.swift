import Foundation
import Testing

/// What the command line says when something is wrong: one clear line on standard error, a non-zero
/// exit code, never a crash or a stack trace.
@Suite struct ErrorReportingTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    /// Whether standard error looks like a crash rather than a message.
    private func looksLikeACrash(_ result: CommandOutput) -> Bool {
        ["Fatal error", "Stack dump", "backtrace", "Current stack trace", "SIGSEGV", "SIGILL"].contains {
            result.stderr.contains($0)
        }
    }

    @Test func aMissingDatabaseIsOneLine() throws {
        let missing = runner.path("missing.db")
        let result = try runner.run(["sessions", "--db", missing])
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines.count == 1, "expected one line on stderr\n\(result)")
        #expect(result.stderr.contains(missing), "\(result)")
        #expect(!looksLikeACrash(result), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: missing), "reading must not create the database")
    }

    @Test func aCorruptDatabaseIsOneLineNamingThePath() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let corrupt = try runner.write("corrupt.db", garbage)
        let result = try runner.run(["sessions", "--db", corrupt])
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines.count == 1, "expected one line on stderr\n\(result)")
        #expect(result.stderr.contains(corrupt), "\(result)")
        #expect(!looksLikeACrash(result), "\(result)")
    }

    @Test func rootHelpListsTheSubcommands() throws {
        let result = try runner.run(["--help"])
        #expect(result.status == 0, "\(result)")
        let subcommands = result.stdoutLines.drop { !$0.hasPrefix("SUBCOMMANDS:") }
        #expect(!subcommands.isEmpty, "\(result)")
        for name in ["import", "export", "sessions", "show", "stats", "prices"] {
            #expect(subcommands.contains { $0.hasPrefix("  \(name) ") }, "\(name) missing from\n\(result.stdout)")
        }
    }
}
