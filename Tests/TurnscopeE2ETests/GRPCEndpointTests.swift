import Foundation
import Testing

/// OTLP/gRPC as `turnscope serve` and the browser start it: both endpoints announced, the default
/// port taken turns gRPC off and says so, an explicit address that cannot be bound is an error.
///
/// Only `theDefaultPortTakenTurnsGRPCOffAndSaysSo` touches 4317 (every other test passes
/// `--no-grpc` or a free port), so no test here can take it from another.
@Suite struct GRPCEndpointTests {
    /// Ctrl-C reaches the pane's shell as well as `serve`: with a trap of its own the shell lives
    /// on to print serve's exit status (the trap is reset in serve, which handles SIGINT itself).
    static let keepShellOnInterrupt = "trap true INT;"

    @Test func serveNamesBothEndpointsAndStopsOnInterrupt() throws {
        let tmux = try TmuxSession()
        try tmux.start(
            ["serve", "--db", tmux.path("serve.db"), "--listen", "127.0.0.1:0", "--grpc-listen", "127.0.0.1:0", "--no-agents"],
            width: 240, prefix: Self.keepShellOnInterrupt)
        let screen = try tmux.waitFor("both endpoints") { $0.contains("OTLP/gRPC on") }
        #expect(screen.range(of: #"collecting into .* on http://127\.0\.0\.1:[1-9][0-9]*"#, options: .regularExpression) != nil, "\(screen)")
        #expect(
            screen.range(
                of: #"turnscope: OTLP/gRPC on 127\.0\.0\.1:([1-9][0-9]*); set OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://127\.0\.0\.1:\1"#,
                options: .regularExpression) != nil, "\(screen)")
        try tmux.send("C-c")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func theDefaultPortTakenTurnsGRPCOffAndSaysSo() throws {
        // Held here unless something else already holds it, which serves the test as well.
        let holder = try? LoopbackListener(port: 4317)
        defer { withExtendedLifetime(holder) {} }

        let browser = try TmuxSession()
        try browser.start(["--db", browser.path("browse.db"), "--listen", "127.0.0.1:0"], width: 160)
        let screen = try browser.waitFor("the header") { $0.contains("gRPC off: 127.0.0.1:4317 in use") }
        #expect(screen.split(separator: "\n").first?.contains("gRPC off: 127.0.0.1:4317 in use") == true, "\(screen)")
        #expect(screen.range(of: #"collector 127\.0\.0\.1:[1-9][0-9]*"#, options: .regularExpression) != nil, "HTTP still collects: \(screen)")
        try browser.send("q")
        #expect(try browser.waitForExit() == 0)

        let serve = try TmuxSession()
        try serve.start(
            ["serve", "--db", serve.path("serve.db"), "--listen", "127.0.0.1:0", "--no-agents"], width: 240,
            prefix: Self.keepShellOnInterrupt)
        let served = try serve.waitFor("turnscope: gRPC off: 127.0.0.1:4317 in use")
        #expect(served.contains("collecting into"), "HTTP still collects: \(served)")
        try serve.send("C-c")
        #expect(try serve.waitForExit() == 0)
    }

    @Test func anExplicitGRPCAddressThatCannotBeBoundIsAnError() throws {
        let listener = try LoopbackListener()
        let tmux = try TmuxSession()
        let expected = "cannot listen for gRPC on 127.0.0.1:\(listener.port): the address is already in use"
        let serve = try tmux.turnscope(
            ["serve", "--db", tmux.path("serve.db"), "--listen", "127.0.0.1:0", "--no-agents", "--grpc-listen", "127.0.0.1:\(listener.port)"])
        #expect(serve.status != 0)
        #expect(serve.output.contains(expected), "\(serve.output)")
        #expect(!serve.output.contains("collecting into"), "nothing was announced: \(serve.output)")
        let browser = try tmux.turnscope(
            ["--db", tmux.path("browse.db"), "--listen", "127.0.0.1:0", "--no-agents", "--grpc-listen", "127.0.0.1:\(listener.port)"])
        #expect(browser.status != 0)
        #expect(browser.output.contains(expected), "\(browser.output)")
    }

    @Test func contradictoryFlagsAreRefused() throws {
        let tmux = try TmuxSession()
        let result = try tmux.turnscope(["serve", "--db", tmux.path("serve.db"), "--no-grpc", "--grpc-listen", "127.0.0.1:0"])
        #expect(result.status != 0)
        #expect(result.output.contains("--grpc-listen and --no-grpc contradict each other"), "\(result.output)")
    }
}
