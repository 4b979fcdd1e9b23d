import ArgumentParser
import Foundation
import TurnscopeCollector
import TurnscopeStore

/// The collector the browser runs inside itself, so `turnscope` alone both collects and shows.
///
/// Failing to listen (the port is taken, most often by a `turnscope serve` already running) is
/// never an error: the browser opens anyway, and the header says why nothing is collected. OTLP/gRPC
/// runs beside the collector (`GRPCOptions`) and is off whenever the collector is.
struct EmbeddedCollectorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where the embedded collector listens.", valueName: "host:port"))
    var listen = "127.0.0.1:4318"

    @Flag(help: "Browse only: run no collector.")
    var noCollector = false

    @OptionGroup var grpc: GRPCOptions
    @OptionGroup var proxy: ProxyOptions

    /// A collector started on `store` with gRPC beside it, or nil, and the header's line about them.
    ///
    /// - Throws: when `--grpc-listen` names an address that cannot be used (the collector is then
    ///   stopped again).
    func start(on store: TraceStore) async throws -> (collector: RunningCollector?, status: String) {
        if noCollector { return (nil, "collector off") }
        let configuration = try configuration()
        let (collector, status) = await Self.start(on: store, configuration: configuration)
        guard let collector else { return (nil, status) }
        do {
            let (server, grpcStatus) = try await grpc.start(beside: collector)
            return (RunningCollector(collector: collector, grpc: server), status + " · " + grpcStatus.compact(besideHost: configuration.host))
        } catch {
            await collector.stop()
            throw error
        }
    }

    /// Starts a collector with `configuration`; on failure says why in the status instead.
    static func start(on store: TraceStore, configuration: CollectorConfiguration) async -> (
        collector: Collector?, status: String
    ) {
        let collector = Collector(store: store, configuration: configuration)
        let address = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        do {
            let port = try await collector.start()
            return (collector, "collector \(address):\(port)")
        } catch {
            await collector.stop()
            let reason = error.description.contains("already in use") ? "in use" : "unavailable"
            return (nil, "collector off: \(address):\(configuration.port) \(reason)")
        }
    }

    /// The collector's configuration: `--listen`, the proxy's options, and keys from the environment
    /// as `serve` reads them.
    func configuration() throws -> CollectorConfiguration {
        try .fromCommandLine(listen: listen, proxy: proxy)
    }
}
