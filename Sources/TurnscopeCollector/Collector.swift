import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import TurnscopeStore

/// The collector: an HTTP server on loopback that accepts the Langfuse ingestion API, OTLP/HTTP
/// and Turnscope's native JSON Lines, and writes every record to the store before it answers.
///
/// It runs on its own (`turnscope serve`) or inside the browser: `start()` reports the address it
/// bound or why it could not, and `stop()` ends it cleanly.
public final class Collector: Sendable {
    /// How it listens and what it accepts.
    public let configuration: CollectorConfiguration
    /// The store the records go to.
    public let store: TraceStore
    let writer: GroupCommitWriter
    /// The running server and the task that runs it, while started.
    private let running = Mutex<(group: ServiceGroup, task: Task<Void, any Error>)?>(nil)

    /// A collector for `store`; nothing listens until `start()` or `run()`.
    public init(store: TraceStore, configuration: CollectorConfiguration = CollectorConfiguration()) {
        self.store = store
        self.configuration = configuration
        writer = GroupCommitWriter(store: store)
    }

    /// Every route, for serving or for tests that drive the collector without sockets.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProxyMiddleware(collector: self))
        router.add(middleware: BasicAuthMiddleware(configuration: configuration))
        LangfuseRoutes(collector: self).add(to: router)
        OTLPRoutes(collector: self).add(to: router)
        NativeRoutes(collector: self).add(to: router)
        return router
    }

    /// The application that serves `makeRouter()` on the configured address.
    public func makeApplication(
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var logger = Logger(label: "turnscope.collector")
        logger.logLevel = .warning
        return Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Starts listening in the background and returns the bound port, or throws why it could not
    /// (the port is taken, the address is invalid, the configuration is unsafe).
    public func start() async throws(CollectorError) -> Int {
        try configuration.validate()
        let outcome = StartOutcome()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int, CollectorError>, Never>) in
            outcome.wait(with: continuation)
            // A service group, so that stop() can end the server gracefully (in-flight requests are
            // answered) rather than cancel it mid-request.
            let application = makeApplication { port in outcome.finish(.success(port)) }
            let group = ServiceGroup(
                configuration: .init(services: [application], gracefulShutdownSignals: [], logger: Self.quietLogger))
            let task = Task { [self] in
                do {
                    try await group.run()
                } catch {
                    outcome.finish(
                        .failure(
                            CollectorError(
                                "cannot listen on \(configuration.host):\(configuration.port): \(Self.describe(error))")))
                    throw error
                }
            }
            running.withLock { $0 = (group, task) }
        }
        return try result.get()
    }

    /// Stops listening, after writing everything already received.
    public func stop() async {
        guard let (group, task) = running.withLock({ $0.take() }) else { return writer.stop() }
        await group.triggerGracefulShutdown()
        _ = await task.result
        writer.stop()
    }

    /// The service group's own logger: its lifecycle messages are not the user's business.
    private static let quietLogger: Logger = {
        var logger = Logger(label: "turnscope.collector.lifecycle")
        logger.logLevel = .critical
        return logger
    }()

    /// Serves in the foreground until SIGINT or SIGTERM, calling `onRunning` with the bound port.
    ///
    /// `companions` (the OTLP/gRPC endpoint) run in the same service group, after the HTTP server:
    /// a signal shuts them down first, then the HTTP server, each answering what it has in
    /// flight, and the writer stops last, so nothing acknowledged on either protocol is lost.
    public func run(
        alongside companions: [any Service] = [], onRunning: @escaping @Sendable (Int) async -> Void
    ) async throws {
        try configuration.validate()
        let group = ServiceGroup(
            configuration: .init(
                services: [makeApplication(onRunning: onRunning)] + companions, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Self.quietLogger))
        defer { writer.stop() }
        try await group.run()
    }

    /// Hands the outcome of starting (a port, or why not) to whoever waits for it, once.
    private final class StartOutcome: Sendable {
        private let waiting = Mutex<CheckedContinuation<Result<Int, CollectorError>, Never>?>(nil)

        func wait(with continuation: CheckedContinuation<Result<Int, CollectorError>, Never>) {
            waiting.withLock { $0 = continuation }
        }

        func finish(_ result: Result<Int, CollectorError>) {
            waiting.withLock { $0.take() }?.resume(returning: result)
        }
    }

    /// A short reason for a failure to listen, such as "the address is already in use".
    public static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("Address already in use") || text.contains("EADDRINUSE") { return "the address is already in use" }
        return text
    }
}
