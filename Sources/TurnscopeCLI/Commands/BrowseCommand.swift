import ArgumentParser
import Foundation
import TurnscopeAgents
import TurnscopeStore

/// `turnscope` (or `turnscope browse`): the browser on the default database, collecting meanwhile.
struct BrowseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse sessions and turns in the terminal while collecting (the default command).",
        discussion: """
            Opens the terminal browser on the database and runs the collector inside it on \
            127.0.0.1:4318, so new turns appear as your applications send them. When the port is \
            taken (a `turnscope serve` already running, say) the browser opens anyway and follows \
            what the other process commits; the header says which. OTLP/gRPC listens beside it on \
            127.0.0.1:4317 (--grpc-listen to move it, --no-grpc to turn it off); when 4317 is taken, \
            the browser runs without gRPC and the header says so. It also follows the transcripts \
            Claude Code and Codex write (--no-agents to stop it). Press ? for the keys, q to go \
            back or quit.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var collector: EmbeddedCollectorOptions
    @OptionGroup var browse: BrowseOptions
    @OptionGroup var mirror: MirrorOptions
    @OptionGroup var agents: AgentOptions

    func run() async throws {
        let database = try store.openForWriting()
        let configuration = try collector.configuration()
        // The gate decides before anything listens, so `--mirror` with a variable missing fails
        // at once; warnings go to stderr and to the browser's footer.
        let decision = try mirror.decide(collector: (configuration.host, configuration.port))
        let (running, status) = try await collector.start(on: database)
        var mirrored = MirrorOptions.Started(drainer: nil, display: .fromDatabase, warnings: [], banner: nil)
        if running != nil || !decision.isOn {
            mirrored = mirror.start(decision, on: database)
        } else {
            // Another process collects into this database (`turnscope serve`, most often): it
            // mirrors what it writes, and a second drainer would only send the same records twice.
            mirrored.warnings = ["mirror: left to the process that collects into this database"]
        }
        for warning in mirrored.warnings { FileHandle.standardError.write(Data(("turnscope: " + warning + "\n").utf8)) }
        defer { mirrored.drainer?.stop() }
        // Like the mirror, the transcripts are followed by the process that collects: two
        // followers of one database would read every line twice. The browser owns the terminal,
        // so a skipped transcript line is no reason to draw over it.
        var (follower, following): (AgentFollower?, String) = (nil, "agents: with the collector")
        if running != nil { (follower, following) = agents.startFollowing(database) { _ in } }
        defer { follower?.stop() }
        try await TerminalSession.browse(
            database,
            options: browse.terminalOptions(
                collectorStatus: status + " · " + following, mirror: mirrored.display, openingMessage: mirrored.warnings.first),
            thenStop: running)
    }
}
