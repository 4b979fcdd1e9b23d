import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 client over a plain socket, so that a test sees the proxy's answer as it streams:
/// the head, then each body chunk when it arrives, and whether the body ended properly.
final class RawHTTPClient {
    let socket: Int32
    private var buffer: [UInt8] = []
    private(set) var status = 0
    private(set) var headers: [(name: String, value: String)] = []
    private var contentLength: Int?
    private var chunked = false

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// Sends a request and reads the response head.
    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var end: Int?
        while end == nil {
            guard try fill() else { throw POSIXError(.ECONNRESET) }
            end = buffer.firstRange(of: [13, 10, 13, 10])?.lowerBound
        }
        let lines = String(decoding: buffer[..<end!], as: UTF8.self).components(separatedBy: "\r\n")
        buffer.removeFirst(end! + 4)
        status = Int(lines[0].split(separator: " ")[1]) ?? 0
        self.headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        chunked = header("transfer-encoding")?.lowercased() == "chunked"
        contentLength = header("content-length").flatMap { Int($0) }
    }

    /// The next piece of the body; nil at its proper end. Throws when the connection ends first.
    func nextChunk() throws -> [UInt8]? {
        if !chunked {
            let length = contentLength ?? 0
            if length == 0 { return nil }
            while buffer.count < length { guard try fill() else { throw POSIXError(.ECONNRESET) } }
            let body = Array(buffer[0..<length])
            buffer.removeFirst(length)
            contentLength = 0
            return body
        }
        var lineEnd: Int?
        while lineEnd == nil {
            lineEnd = buffer.firstRange(of: [13, 10])?.lowerBound
            if lineEnd == nil { guard try fill() else { throw POSIXError(.ECONNRESET) } }
        }
        let size = Int(String(decoding: buffer[..<lineEnd!], as: UTF8.self), radix: 16) ?? 0
        while buffer.count < lineEnd! + 2 + size + 2 { guard try fill() else { throw POSIXError(.ECONNRESET) } }
        let chunk = Array(buffer[(lineEnd! + 2)..<(lineEnd! + 2 + size)])
        buffer.removeFirst(lineEnd! + 2 + size + 2)
        return size == 0 ? nil : chunk
    }

    /// The rest of the body, which must end properly.
    func readBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while let chunk = try nextChunk() { body += chunk }
        return body
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }
}

/// Runs `body`, which blocks on sockets, on a thread of its own: blocking one of the few threads
/// Swift concurrency runs tasks on could starve the servers under test of the thread they answer on.
func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
