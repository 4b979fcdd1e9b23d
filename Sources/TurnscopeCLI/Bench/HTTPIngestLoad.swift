import Foundation
import Synchronization

/// Drives the collector over HTTP: `clients` threads, each with its own keep-alive connection
/// (`LoopbackHTTPClient`), post one request after the other until the deadline.
///
/// Threads and blocking sockets keep the clients cheap, so the figures are the collector's.
enum HTTPIngestLoad {
    /// One request to send: where, what, and what it counts as.
    struct Request {
        var path: String
        var contentType: String
        var body: [UInt8]
        var items: Int
        var kind: String
    }

    /// The answered requests, or throws the first failure (a non-2xx status names it).
    static func run(
        port: Int, clients: Int, seconds: Double, make: @escaping @Sendable (_ client: Int, inout IngestPayloads) -> Request
    ) async throws -> [IngestSample] {
        let samples = Mutex<[IngestSample]>([])
        let failures = Mutex<[String]>([])
        let deadline = Date().addingTimeInterval(seconds)
        let done = DispatchGroup()
        for client in 0..<clients {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                do {
                    let connection = try LoopbackHTTPClient(port: port)
                    var payloads = IngestPayloads(seed: client)
                    while Date() < deadline {
                        let request = make(client, &payloads)
                        let start = DispatchTime.now().uptimeNanoseconds
                        let response = try connection.post(request.path, contentType: request.contentType, body: request.body)
                        let latency = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        guard (200..<300).contains(response.status) else {
                            failures.withLock {
                                $0.append("status \(response.status): \(String(decoding: response.body.prefix(200), as: UTF8.self))")
                            }
                            return
                        }
                        samples.withLock { $0.append(IngestSample(latency: latency, items: request.items, kind: request.kind)) }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            thread.start()
        }
        await withCheckedContinuation { continuation in
            done.notify(queue: .global()) { continuation.resume() }
        }
        if let failure = failures.withLock({ $0.first }) { throw CommandError("ingest benchmark failed: \(failure)") }
        return samples.withLock { $0 }
    }
}
