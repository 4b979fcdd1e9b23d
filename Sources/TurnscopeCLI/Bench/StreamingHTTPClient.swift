import FakeLangfuse
import Foundation

/// A minimal blocking HTTP/1.1 client for streamed answers, over one keep-alive TCP connection to
/// a loopback port: it posts a request and reads a chunked (or `Content-Length`) body as it
/// arrives, noting when the first token and the end came.
///
/// Times are taken right after the `recv` that brought the bytes, on `CLOCK_MONOTONIC`.
final class StreamingHTTPClient {
    /// One streamed answer.
    struct Stream {
        var status: Int
        /// Nanoseconds (monotonic) when the request was sent, when the body first held each of
        /// `tokensAt`'s byte counts, and when its last byte arrived.
        var sent: UInt64
        var tokens: [UInt64]
        var end: UInt64
        var body: [UInt8]

        var timeToFirstToken: Double { Double((tokens.first ?? end) - sent) / 1e9 }
        var timeToLastToken: Double { Double((tokens.last ?? end) - sent) / 1e9 }
        /// Seconds from sending to each token.
        var tokenTimes: [Double] { tokens.map { Double($0 - sent) / 1e9 } }
        var total: Double { Double(end - sent) / 1e9 }
    }

    private let socket: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var received: UInt64 = 0
    private var scratch = [UInt8](repeating: 0, count: 65536)

    init(port: Int) throws {
        do {
            socket = try LoopbackSocket.connect(port: port)
        } catch {
            throw CommandError(error.description)
        }
    }

    deinit { close(socket) }

    /// Posts `body` to `path` and reads the whole answer, timing each token: when the body holds
    /// as many bytes as each of `tokensAt` (ascending) says.
    func post(_ path: String, headers: [(String, String)], body: [UInt8], tokensAt: [Int]) throws -> Stream {
        var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        let sent = FakeModelUpstream.now()
        try send(request)
        let headEnd = try readHead()
        let headText = String(decoding: buffer[start..<headEnd], as: UTF8.self)
        start = headEnd + 4
        let lines = headText.split(separator: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var length: Int?
        var chunked = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length" { length = Int(value) }
            if name == "transfer-encoding", value.lowercased().contains("chunked") { chunked = true }
        }
        var stream = Stream(status: status, sent: sent, tokens: [], end: 0, body: [])
        stream.tokens.reserveCapacity(tokensAt.count)
        stream.body.reserveCapacity(max(tokensAt.last ?? 0, 1 << 15))
        func take(_ count: Int) {
            stream.body.append(contentsOf: buffer[start..<start + count])
            start += count
            while stream.tokens.count < tokensAt.count, stream.body.count >= tokensAt[stream.tokens.count] {
                stream.tokens.append(received)
            }
        }
        if chunked {
            while true {
                let lineEnd = try readLine()
                let sizeText = String(decoding: buffer[start..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw CommandError("a malformed chunk size: \(sizeText)")
                }
                start = lineEnd + 2
                if size == 0 {
                    // Trailers, if any, up to the empty line.
                    while true {
                        let end = try readLine()
                        let empty = end == start
                        start = end + 2
                        if empty { break }
                    }
                    break
                }
                while buffer.count - start < size + 2 { try fill() }
                take(size)
                start += 2
            }
        } else {
            var left = length ?? 0
            while left > 0 {
                if buffer.count == start { try fill() }
                let count = min(left, buffer.count - start)
                take(count)
                left -= count
            }
        }
        stream.end = received
        compact()
        return stream
    }

    private func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw CommandError("send: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// The index of the CRLFCRLF ending the head that starts at `start`.
    private func readHead() throws -> Int {
        var from = start
        while true {
            if buffer.count - from >= 4, let found = buffer[from...].firstRange(of: [13, 10, 13, 10]) { return found.lowerBound }
            from = max(start, buffer.count - 3)
            try fill()
        }
    }

    /// The index of the CRLF ending the line that starts at `start`.
    private func readLine() throws -> Int {
        var from = start
        while true {
            if buffer.count - from >= 2, let found = buffer[from...].firstRange(of: [13, 10]) { return found.lowerBound }
            from = max(start, buffer.count - 1)
            try fill()
        }
    }

    private func fill() throws {
        let count = scratch.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw CommandError(count == 0 ? "the server closed the connection" : "recv: \(String(cString: strerror(errno)))") }
        received = FakeModelUpstream.now()
        buffer.append(contentsOf: scratch[0..<count])
    }

    private func compact() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
