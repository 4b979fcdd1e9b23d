import ArgumentParser
import Foundation
import TurnscopeCollector
import TurnscopeStore

/// The collector the browser runs inside itself, so `turnscope` alone both collects and shows.
///
/// Failing to listen (the port is taken, most often by a `turnscope serve` already running) is
/// never an error: the browser opens anyway, and the header says why nothing is collected.
struct EmbeddedCollectorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where the embedded collector listens.", valueName: "host:port"))
    var listen = "127.0.0.1:4318"

    @Flag(help: "Browse only: run no collector.")
    var noCollector = false

    /// A collector started on `store`, or nil, and the header's line about it.
    func start(on store: TraceStore) async throws -> (collector: Collector?, status: String) {
        if noCollector { return (nil, "collector off") }
        let configuration = try configuration()
        return await Self.start(on: store, configuration: configuration)
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

    /// The collector's configuration: `--listen`, and keys from the environment as `serve` reads them.
    func configuration() throws -> CollectorConfiguration {
        try .fromCommandLine(listen: listen)
    }
}
