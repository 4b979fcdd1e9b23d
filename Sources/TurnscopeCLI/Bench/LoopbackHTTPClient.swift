import FakeLangfuse
import Foundation

/// A minimal blocking HTTP/1.1 client over one keep-alive TCP connection to a loopback port.
///
/// The ingest benchmark measures the collector, so its clients must cost as little as possible:
/// each runs on its own thread, writes a request and reads the response by Content-Length.
final class LoopbackHTTPClient {
    private let socket: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        do {
            socket = try LoopbackSocket.connect(port: port)
        } catch {
            throw CommandError(error.description)
        }
    }

    deinit { close(socket) }

    /// Sends a POST and returns the status code and body.
    func post(_ path: String, contentType: String, body: [UInt8]) throws -> (status: Int, body: [UInt8]) {
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(contentType)\r\n"
            + "Authorization: Basic cGstbGYtYmVuY2g6c2stbGYtYmVuY2g=\r\nContent-Length: \(body.count)\r\n\r\n"
        try send(Array(head.utf8) + body)
        return try readResponse()
    }

    private func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw CommandError("send: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    private func readResponse() throws -> (status: Int, body: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = buffer.indices.dropLast(3).first { buffer[$0..<$0 + 4].elementsEqual(separator) }
            if headerEnd == nil { try fill() }
        }
        let headerText = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        let lines = headerText.split(separator: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var length = 0
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        let bodyStart = headerEnd! + 4
        while buffer.count < bodyStart + length { try fill() }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        buffer.removeFirst(bodyStart + length)
        return (status, body)
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw CommandError("the collector closed the connection") }
        buffer.append(contentsOf: chunk[0..<count])
    }
}
