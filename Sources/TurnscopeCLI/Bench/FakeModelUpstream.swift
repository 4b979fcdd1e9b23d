import FakeLangfuse
import Foundation

/// A fake Anthropic Messages API on 127.0.0.1 for `turnscope bench proxy`: `POST /v1/messages`
/// answers with a streamed SSE response of `deltas` `content_block_delta` events between the
/// events a real stream has around them (`message_start` with usage, `content_block_start`,
/// `ping`, then `content_block_stop`, `message_delta` with usage, `message_stop`).
///
/// Every event is its own HTTP chunk, written with its own `send` on a `TCP_NODELAY` socket, so
/// nothing coalesces them before the network does. Deltas are paced by absolute deadlines (the
/// i-th at `gap × i` after the request was read), so a late wake-up delays one event, not every
/// later one, and a stream's length does not drift with the scheduler.
///
/// Plain POSIX sockets and a thread per connection, keep-alive: the fake must cost little and be
/// the same for direct and proxied requests.
final class FakeModelUpstream: @unchecked Sendable {
    let port: Int
    /// The events of one answer, in order, each as its bytes on the wire before chunk framing.
    let events: [[UInt8]]
    /// The decoded body a client must receive, byte for byte.
    let body: [UInt8]
    /// Where in `body` each `content_block_delta` event ends: a client has its first token once
    /// it holds `deltaEnds[0]` bytes.
    let deltaEnds: [Int]
    /// The events before the deltas, sent at once.
    private let leading: Int
    private let deltas: Int
    private let gapNanoseconds: UInt64
    private let framed: [[UInt8]]
    private let listener: Int32
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopped = false
    private var answered = 0

    init(deltas: Int = 200, gapNanoseconds: UInt64) throws {
        self.deltas = deltas
        self.gapNanoseconds = gapNanoseconds
        let (events, leading) = Self.events(deltas: deltas)
        self.events = events
        self.leading = leading
        body = events.flatMap { $0 }
        deltaEnds = (leading..<(leading + deltas)).map { last in events[0...last].reduce(0) { $0 + $1.count } }
        framed = events.map { Array(String($0.count, radix: 16).utf8) + [13, 10] + $0 + [13, 10] }
        do {
            (listener, port) = try LoopbackSocket.listen(backlog: 256)
        } catch {
            throw CommandError("fake upstream: \(error)")
        }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "fake-upstream-accept"
        thread.start()
    }

    /// How many streams it has answered in full.
    var answeredStreams: Int { lock.withLock { answered } }

    func stop() {
        let open = lock.withLock {
            stopped = true
            defer { connections = [] }
            return connections
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
    }

    /// A realistic request body for the endpoint.
    static let requestBody = Array(
        #"{"model":"claude-sonnet-4-5","max_tokens":1024,"stream":true,"system":"You are a concise assistant.","messages":[{"role":"user","content":"Explain in two hundred words why a proxy that records a stream must never slow it down."}]}"#
            .utf8)

    /// The events of one answer and how many come before the first delta.
    static func events(deltas: Int) -> (events: [[UInt8]], leading: Int) {
        func event(_ name: String, _ data: String) -> [UInt8] { Array("event: \(name)\ndata: \(data)\n\n".utf8) }
        var events = [
            event(
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_01BenchProxyStream0000001","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,"cache_creation_input_tokens":0,"cache_read_input_tokens":2048,"output_tokens":1,"service_tier":"standard"}}}"#
            ),
            event("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            event("ping", #"{"type": "ping"}"#),
        ]
        let leading = events.count
        var random = SeededRandom(seed: 12)
        for index in 0..<deltas {
            // One to three words a delta, as models stream them.
            var text = random.sentence(words: 1 + random.next(below: 3)) + " "
            if index % 40 == 39 { text += "\\n\\n" }
            events.append(
                event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\#(text)"}}"#))
        }
        events.append(event("content_block_stop", #"{"type":"content_block_stop","index":0}"#))
        events.append(
            event(
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":\#(deltas * 2)}}"#))
        events.append(event("message_stop", #"{"type":"message_stop"}"#))
        return (events, leading)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let open = lock.withLock {
                guard !stopped else { return false }
                connections.insert(connection)
                return true
            }
            guard open else {
                close(connection)
                return
            }
            var noDelay: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(connection) }
            thread.name = "fake-upstream-connection"
            thread.stackSize = 256 << 10
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            lock.withLock { _ = connections.remove(connection) }
            close(connection)
        }
        var reader = RequestHeadReader(socket: connection)
        while let request = reader.next() {
            guard request.method == "POST", request.path.hasPrefix("/v1/messages") else {
                let message = Array(#"{"type":"error","error":{"type":"not_found_error","message":"Not Found"}}"#.utf8)
                let head = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: \(message.count)\r\n\r\n"
                guard send(Array(head.utf8) + message, to: connection) else { return }
                continue
            }
            guard stream(to: connection) else { return }
            lock.withLock { answered += 1 }
        }
    }

    /// One streamed answer; false once the peer is gone.
    private func stream(to connection: Int32) -> Bool {
        let start = Self.now()
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n"
            + "request-id: req_01BenchProxy\r\nanthropic-organization-id: 00000000-bench\r\nTransfer-Encoding: chunked\r\n\r\n"
        guard send(Array(head.utf8), to: connection) else { return false }
        for index in framed.indices {
            let delta = index - leading
            if delta >= 0, delta < deltas, gapNanoseconds > 0 { Self.sleep(until: start + gapNanoseconds * UInt64(delta + 1)) }
            guard send(framed[index], to: connection) else { return false }
        }
        return send([48, 13, 10, 13, 10], to: connection)
    }

    private func send(_ bytes: [UInt8], to connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Foundation.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private static func sleep(until deadline: UInt64) {
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
    }
}

/// Reads requests off a keep-alive connection: the request line and a `Content-Length` body.
private struct RequestHeadReader {
    struct Request {
        var method: String
        var path: String
        var body: [UInt8]
    }

    let socket: Int32
    private var buffer: [UInt8] = []

    init(socket: Int32) { self.socket = socket }

    mutating func next() -> Request? {
        var headEnd: Int?
        var searched = 0
        while true {
            if buffer.count >= 4 {
                headEnd = buffer[max(0, searched - 3)...].firstRange(of: [13, 10, 13, 10])?.lowerBound
                if headEnd != nil { break }
                searched = buffer.count
            }
            guard fill() else { return nil }
        }
        let lines = String(decoding: buffer[..<headEnd!], as: UTF8.self).split(separator: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        var length = 0
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == "content-length" else { continue }
            length = Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)) ?? 0
        }
        let bodyStart = headEnd! + 4
        while buffer.count < bodyStart + length {
            guard fill() else { return nil }
        }
        let request = Request(
            method: parts.first.map(String.init) ?? "", path: parts.dropFirst().first.map(String.init) ?? "",
            body: Array(buffer[bodyStart..<bodyStart + length]))
        buffer.removeFirst(bodyStart + length)
        return request
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }
}
