import CZlib
import Foundation
import Hummingbird
import HummingbirdTesting
import TurnscopeCollector
import TurnscopeModel
import TurnscopeStore

/// A collector over a temporary database, driven without sockets through Hummingbird's router
/// test client.
final class CollectorHarness: Sendable {
    let directory: URL
    let store: TraceStore
    let collector: Collector

    init(configuration: CollectorConfiguration = CollectorConfiguration()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-collector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try TraceStore(path: directory.appendingPathComponent("collector.db").path)
        collector = Collector(store: store, configuration: configuration)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs `body` with a client of the collector's routes.
    func withClient<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await collector.makeApplication().test(.router, body)
    }

    /// Every record in the store, as `turnscope export` would write it.
    func exported() throws -> [Record] {
        var records: [Record] = []
        try store.export { records.append($0) }
        return records
    }
}

extension TestResponse {
    /// The body parsed as JSON.
    var json: JSONValue? { try? JSONText.parse(Data(body.readableBytesView)) }
    /// The body as text.
    var text: String { String(buffer: body) }
}

extension ByteBuffer {
    init(text: String) {
        self.init()
        writeString(text)
    }

    init(bytes: [UInt8]) {
        self.init()
        writeBytes(bytes)
    }
}

/// gzip, for request bodies in tests.
func gzip(_ input: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    deflateInit2_(&stream, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
    let count: Int = input.withUnsafeBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = uInt(target.count)
            deflate(&stream, Z_FINISH)
            return Int(stream.total_out)
        }
    }
    return Array(output[0..<count])
}
