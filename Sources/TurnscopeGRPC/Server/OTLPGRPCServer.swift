import GRPCCore
import GRPCNIOTransportHTTP2Posix
import ServiceLifecycle
import Synchronization
import TurnscopeCollector

/// OTLP/gRPC beside a collector's HTTP server: `TraceService` and `LogsService` store through
/// the collector's writer and answer after the commit; `MetricsService` acknowledges.
///
/// The rules are the collector's (`CollectorConfiguration`): a non-loopback address needs keys,
/// requests must then carry them (`CredentialsInterceptor`), and a message may be as large as an
/// HTTP body once inflated (`maxBodyBytes`; larger is `resourceExhausted`, and the connection and
/// server go on: `ExportDeserializer`).
/// gzip-compressed requests are accepted, as OTLP exporters send them with `compression=gzip`.
///
/// `start()` binds and reports the port or why not, `stop()` ends it after answering what is in
/// flight. As a `Service` it runs in `Collector.run(alongside:)`'s group: the group's shutdown
/// stops it before the HTTP server and the writer.
public final class OTLPGRPCServer: Service, Sendable {
    /// The collector whose writer, keys and limits it uses.
    public let collector: Collector
    /// The address it listens on.
    public let host: String
    /// The port asked for; 0 picks a free one (`start()` returns it).
    public let port: Int

    private struct Running: Sendable {
        var server: GRPCServer<HTTP2ServerTransport.Posix>
        var serving: Task<Void, any Error>
    }

    private let running = Mutex<Running?>(nil)

    /// A server for `collector` on `host:port` (OTLP/gRPC's 4317 by default); nothing listens until
    /// `start()`.
    public init(collector: Collector, host: String = "127.0.0.1", port: Int = 4317) {
        self.collector = collector
        self.host = host
        self.port = port
    }

    /// The collector's configuration at this server's address: what it checks before listening.
    public var configuration: CollectorConfiguration {
        var configuration = collector.configuration
        configuration.host = host
        configuration.port = port
        return configuration
    }

    /// Starts listening in the background and returns the bound port, or throws why it could not
    /// (the port is taken, the address is invalid, a non-loopback address without keys).
    public func start() async throws(CollectorError) -> Int {
        try configuration.validate()
        let transport = HTTP2ServerTransport.Posix(
            address: host.contains(":") ? .ipv6(host: host, port: port) : .ipv4(host: host == "localhost" ? "127.0.0.1" : host, port: port),
            transportSecurity: .plaintext,
            config: .defaults { config in
                // What the transport buffers at most, sent or inflated: the HTTP side's inflate
                // limit. The message limit proper, the HTTP body limit, is ExportDeserializer's, which
                // answers RESOURCE_EXHAUSTED where the transport would only reset the stream.
                config.rpc.maxRequestPayloadSize = max(collector.configuration.maxBodyBytes, collector.configuration.maxInflatedBytes)
                config.compression.enabledAlgorithms = .all
            })
        let credentials = CollectorCredentials(configuration: collector.configuration)
        let server = GRPCServer(
            transport: transport,
            services: [TraceService(collector: collector), LogsService(collector: collector), MetricsService(collector: collector)],
            interceptors: credentials.required ? [CredentialsInterceptor(credentials: credentials)] : [])
        let serving = Task { try await server.serve() }
        do {
            let address = try await transport.listeningAddress
            running.withLock { $0 = Running(server: server, serving: serving) }
            return address.ipv4?.port ?? address.ipv6?.port ?? port
        } catch {
            // The transport only says that nothing is bound; why (the port is taken, say) is in
            // the error serve() ended with.
            server.beginGracefulShutdown()
            let reason: any Error
            if case .failure(let failure) = await serving.result { reason = failure } else { reason = error }
            throw CollectorError("cannot listen for gRPC on \(Self.display(host)):\(port): \(Collector.describe(reason))")
        }
    }

    /// Stops listening, after answering the RPCs in flight (their records are committed first).
    public func stop() async {
        guard let running = running.withLock({ $0.take() }) else { return }
        running.server.beginGracefulShutdown()
        _ = await running.serving.result
    }

    /// Waits for the service group's shutdown, then stops (see `Collector.run(alongside:)`).
    public func run() async throws {
        try? await gracefulShutdown()
        await stop()
    }

    /// `host` as it goes before `:port`, bracketed when it is IPv6.
    static func display(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}
