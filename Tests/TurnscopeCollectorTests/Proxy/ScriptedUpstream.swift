import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fake model API on 127.0.0.1 over plain sockets, scripted per test: it reads one request per
/// connection and hands the connection to `script`, which writes whatever bytes the test wants,
/// as slowly as it wants, and may drop the connection mid-answer.
final class ScriptedUpstream: @unchecked Sendable {
    /// One request as it arrived: the head's lines and the body.
    struct Received: Sendable {
        var requestLine: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    /// The connection a script writes to.
    struct Connection: Sendable {
        let socket: Int32

        /// Writes `bytes`; false once the peer is gone.
        @discardableResult
        func send(_ bytes: [UInt8]) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }

        @discardableResult
        func send(_ text: String) -> Bool { send(Array(text.utf8)) }

        /// One chunk of a chunked body.
        @discardableResult
        func sendChunk(_ bytes: [UInt8]) -> Bool {
            send(Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10])
        }
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [Received] = []

    init(script: @escaping @Sendable (Received, Connection) -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                Thread { [self] in
                    defer { close(connection) }
                    guard let request = Self.read(connection) else { return }
                    lock.withLock { received.append(request) }
                    script(request, Connection(socket: connection))
                }.start()
            }
        }.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Every request received so far.
    var requests: [Received] { lock.withLock { received } }

    /// Reads a head and a `Content-Length` body.
    private static func read(_ socket: Int32) -> Received? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        func fill() -> Bool {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        var headEnd: Int?
        while headEnd == nil {
            guard fill() else { return nil }
            headEnd = buffer.firstRange(of: [13, 10, 13, 10])?.lowerBound
        }
        let lines = String(decoding: buffer[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyStart = headEnd! + 4
        while buffer.count < bodyStart + length {
            guard fill() else { return nil }
        }
        return Received(requestLine: lines[0], headers: headers, body: Array(buffer[bodyStart..<bodyStart + length]))
    }
}
