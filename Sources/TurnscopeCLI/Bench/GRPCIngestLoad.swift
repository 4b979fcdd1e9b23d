import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Synchronization

/// Drives the collector's OTLP/gRPC server: `clients` grpc-swift clients, each on its own HTTP/2
/// connection as separate exporters would be, export one request after the other until the
/// deadline. Requests are built before their timing starts, as `HTTPIngestLoad`'s are.
enum GRPCIngestLoad {
    typealias Client = GRPCClient<HTTP2ClientTransport.Posix>

    /// The answered requests, or throws the first failure.
    static func run<Request: Sendable>(
        port: Int, clients: Int, seconds: Double, kind: String,
        make: @escaping @Sendable (inout IngestPayloads) -> (request: Request, items: Int),
        send: @escaping @Sendable (Client, Request) async throws -> Void
    ) async throws -> [IngestSample] {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        return try await withThrowingTaskGroup(of: [IngestSample].self) { group in
            for client in 0..<clients {
                group.addTask {
                    let transport = try HTTP2ClientTransport.Posix(
                        target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
                    return try await withGRPCClient(transport: transport) { grpc in
                        var payloads = IngestPayloads(seed: client)
                        var samples: [IngestSample] = []
                        while ContinuousClock.now < deadline {
                            let (request, items) = make(&payloads)
                            let start = DispatchTime.now().uptimeNanoseconds
                            do {
                                try await send(grpc, request)
                            } catch {
                                throw CommandError("ingest benchmark failed over gRPC: \(error)")
                            }
                            let latency = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                            samples.append(IngestSample(latency: latency, items: items, kind: kind))
                        }
                        return samples
                    }
                }
            }
            var all: [IngestSample] = []
            for try await samples in group { all += samples }
            return all
        }
    }
}
