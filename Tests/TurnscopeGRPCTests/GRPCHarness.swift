import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import TurnscopeCollector
import TurnscopeGRPC
import TurnscopeModel
import TurnscopeStore

/// A collector over a temporary database with its OTLP/gRPC server on a free port, and real
/// grpc-swift clients (HTTP/2 over the NIO POSIX transport) that call it through 127.0.0.1.
final class GRPCHarness: Sendable {
    let directory: URL
    let store: TraceStore
    let collector: Collector
    let server: OTLPGRPCServer

    /// The collector's configuration gives keys and limits; `host` is where gRPC listens.
    init(configuration: CollectorConfiguration = CollectorConfiguration(port: 0), host: String = "127.0.0.1") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-grpc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try TraceStore(path: directory.appendingPathComponent("grpc.db").path)
        collector = Collector(store: store, configuration: configuration)
        server = OTLPGRPCServer(collector: collector, host: host, port: 0)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Starts the server, runs `body` with a client of it, and stops both (gRPC, then the writer).
    func withClient<Value: Sendable>(
        compression: CompressionAlgorithm = .none,
        _ body: (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Value
    ) async throws -> Value {
        let port = try await server.start()
        do {
            let transport = try HTTP2ClientTransport.Posix(
                target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext,
                config: .defaults { $0.compression = .init(algorithm: compression, enabledAlgorithms: .all) })
            let value = try await withGRPCClient(transport: transport) { client in try await body(client) }
            await stop()
            return value
        } catch {
            await stop()
            throw error
        }
    }

    func stop() async {
        await server.stop()
        await collector.stop()
    }

    /// Every record in the store, read back through the store's public export.
    func exported() throws -> [Record] {
        var records: [Record] = []
        try store.export { records.append($0) }
        return records
    }

    func observations() throws -> [ObservationRecord] {
        try exported().compactMap { if case .observation(let observation) = $0 { observation } else { nil } }
    }
}
