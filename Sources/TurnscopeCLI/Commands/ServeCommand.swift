import ArgumentParser
import Foundation
import TurnscopeAgents
import TurnscopeCollector
import TurnscopeStore

/// `turnscope serve`: the collector alone, for a terminal kept in the background.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Collect traces from Langfuse SDKs, litellm and OpenTelemetry exporters into the database.",
        discussion: """
            Listens on 127.0.0.1:4318 (OTLP/HTTP's port) for the Langfuse ingestion API \
            (/api/public/ingestion, /api/public/otel/v1/traces, /api/public/scores), OTLP/HTTP \
            (/v1/traces, protobuf or JSON, gzip) and Turnscope's JSON Lines (/api/turnscope/records). \
            Point your application at it with LANGFUSE_HOST (and LANGFUSE_BASE_URL) or \
            OTEL_EXPORTER_OTLP_ENDPOINT; every request is answered after its records are committed.
            OTLP/gRPC (traces and logs stored, metrics acknowledged, gzip accepted) listens on \
            127.0.0.1:4317: --grpc-listen moves it, --no-grpc turns it off. When 4317 is taken (another \
            collector) serve runs without gRPC and says so; an address given with --grpc-listen that \
            cannot be used is an error.
            It also follows the transcripts Claude Code and Codex write (--no-agents to stop it), \
            committing each new line as it is written.
            Without keys any credentials are accepted and only loopback addresses may be used; with \
            --public-key and --secret-key, requests must authenticate with HTTP Basic (over gRPC, the \
            same value in `authorization` metadata).
            A pass-through proxy records model calls with no code change: ANTHROPIC_BASE_URL=<base>/anthropic \
            or OPENAI_BASE_URL=<base>/openai/v1; --upstream NAME=URL adds a route, and \
            --upstream-ca-file trusts a private endpoint's authority. Proxy routes answer only on loopback, \
            since they carry model keys.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "host:port"))
    var listen = "127.0.0.1:4318"

    @Option(help: ArgumentHelp("Require this public key (default: $TURNSCOPE_PUBLIC_KEY).", valueName: "key"))
    var publicKey: String?

    @Option(help: ArgumentHelp("Require this secret key (default: $TURNSCOPE_SECRET_KEY).", valueName: "key"))
    var secretKey: String?

    @Option(help: ArgumentHelp("Largest request body accepted, in megabytes (413 beyond).", valueName: "MB"))
    var maxBodyMb = 16

    @OptionGroup var proxy: ProxyOptions
    @OptionGroup var grpc: GRPCOptions
    @OptionGroup var mirror: MirrorOptions
    @OptionGroup var agents: AgentOptions

    func run() async throws {
        let configuration = try collectorConfiguration()
        let database = try store.openForWriting()
        let mirrored = mirror.start(try mirror.decide(collector: (configuration.host, configuration.port)), on: database)
        for warning in mirrored.warnings { FileHandle.standardError.write(Data(("turnscope: " + warning + "\n").utf8)) }
        if let banner = mirrored.banner { print(banner) }
        defer { mirrored.drainer?.stop() }
        let (follower, _) = agents.startFollowing(database) { message in
            FileHandle.standardError.write(Data("turnscope: \(message)\n".utf8))
        }
        defer { follower?.stop() }
        let collector = Collector(store: database, configuration: configuration)
        // gRPC binds first, so that a --grpc-listen that cannot be used fails before anything is
        // announced, and the announcement can name both endpoints.
        let (grpcServer, grpcStatus) = try await grpc.start(beside: collector)
        let path = database.path
        do {
            try await collector.run(alongside: grpcServer.map { [$0] } ?? []) { port in
                let base = "http://\(configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host):\(port)"
                print(
                    "turnscope: collecting into \(path) on \(base); set LANGFUSE_HOST=\(base) LANGFUSE_BASE_URL=\(base) "
                        + "or OTEL_EXPORTER_OTLP_ENDPOINT=\(base)")
                print("turnscope: " + grpcStatus.announcement)
                fflush(nil)
            }
        } catch let error as CollectorError {
            await grpcServer?.stop()
            throw CommandError(error.description)
        } catch {
            await grpcServer?.stop()
            throw CommandError("cannot listen on \(listen): \(Collector.describe(error))")
        }
    }

    func collectorConfiguration() throws -> CollectorConfiguration {
        try .fromCommandLine(listen: listen, publicKey: publicKey, secretKey: secretKey, maxBodyBytes: maxBodyMb << 20, proxy: proxy)
    }
}
