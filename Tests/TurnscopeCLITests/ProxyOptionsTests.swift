import Foundation
import Testing

/// `--upstream NAME=URL` and `--upstream-ca-file`: a route or a trust that cannot work is one line
/// on standard error, before anything listens.
@Suite struct ProxyOptionsTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    func serve(_ options: [String]) throws -> CommandOutput {
        try runner.run(["serve", "--db", runner.database, "--listen", "127.0.0.1:0", "--no-grpc", "--no-agents"] + options)
    }

    @Test(arguments: [
        ("openrouter", "expected NAME=URL"),
        ("my route=https://example.com", "the name must be letters, digits"),
        ("=https://example.com", "the name must be letters, digits"),
        ("api=https://example.com", "api is one of the collector's own paths"),
        ("v1=https://example.com", "v1 is one of the collector's own paths"),
        ("local=ftp://example.com", "the URL must be http:// or https://"),
        ("local=https://example.com/v1?key=1", "the URL must be http:// or https:// with a host and no query"),
        ("local=not a url", "the URL must be http:// or https://"),
    ])
    func aRouteThatCannotWorkIsRefused(argument: String, reason: String) throws {
        let result = try serve(["--upstream", argument])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.contains("--upstream \(argument): \(reason)"), "\(result)")
        #expect(!result.stdout.contains("collecting into"), "\(result)")
    }

    @Test func aCAFileThatCannotBeReadIsRefused() throws {
        let missing = runner.path("missing-ca.pem")
        let result = try serve(["--upstream-ca-file", missing])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("--upstream-ca-file \(missing): cannot be read"), "\(result)")
        let notPEM = try runner.write("not-a-ca.pem", Data("just text\n".utf8))
        let second = try serve(["--upstream-ca-file", notPEM])
        #expect(second.status != 0, "\(second)")
        #expect(second.stderr.contains("holds no PEM certificate"), "\(second)")
    }
}
