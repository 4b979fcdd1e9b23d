import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 over POSIX sockets: one accept thread, a thread per
/// connection, keep-alive, `Content-Length` bodies. Sockets rather than a framework so that a test
/// can make it misbehave the way real servers do: answer slowly, or close without answering.
final class LoopbackServer: @unchecked Sendable {
    /// What the handler wants done with a request.
    enum Action {
        case respond(status: Int, headers: [String: String], body: [UInt8])
        case drop
    }

    let port: Int
    private let listener: Int32
    private let handler: @Sendable (RawRequest) -> Action
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopped = false

    init(handler: @escaping @Sendable (RawRequest) -> Action) throws {
        self.handler = handler
        do {
            (listener, port) = try LoopbackSocket.listen(backlog: 64)
        } catch {
            throw FakeLangfuseError(error.description)
        }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "fake-langfuse-accept"
        thread.start()
    }

    func stop() {
        lock.lock()
        stopped = true
        let open = connections
        connections = []
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            lock.lock()
            if stopped {
                lock.unlock()
                close(connection)
                return
            }
            connections.insert(connection)
            lock.unlock()
            let thread = Thread { [self] in serve(connection) }
            thread.name = "fake-langfuse-connection"
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            lock.lock()
            connections.remove(connection)
            lock.unlock()
            close(connection)
        }
        var reader = RequestReader(socket: connection)
        while let request = reader.next() {
            switch handler(request) {
            case .drop:
                shutdown(connection, Int32(SHUT_RDWR))
                return
            case .respond(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Length: \(body.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                if headers["Content-Type"] == nil { head += "Content-Type: application/json\r\n" }
                head += "\r\n"
                guard write(Array(head.utf8) + body, to: connection) else { return }
            }
        }
    }

    private func write(_ bytes: [UInt8], to connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 207: "Multi-Status"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }
}
