import Foundation

/// Hands an upstream response from libcurl's thread to the async task writing it to the client,
/// with backpressure: the curl thread blocks while `limit` bytes wait unread, so a slow client
/// slows the upstream instead of filling memory.
///
/// `@unchecked Sendable`: every field is guarded by `condition`, which the producer also waits on.
final class UpstreamChannel: @unchecked Sendable {
    /// How the transfer ended, once it has.
    enum End: Sendable {
        case complete
        case failed(String)
    }

    private let condition = NSCondition()
    private let limit: Int
    private var head: UpstreamHead?
    private var headWaiter: CheckedContinuation<Result<UpstreamHead, ProxyFailure>, Never>?
    private var chunks: [[UInt8]] = []
    private var buffered = 0
    private var chunkWaiter: CheckedContinuation<Result<[UInt8]?, ProxyFailure>, Never>?
    private var end: End?
    private var cancelled = false

    init(limit: Int = 1 << 20) { self.limit = limit }

    // MARK: - The curl thread

    /// The final response head has arrived.
    func deliver(head: UpstreamHead) {
        condition.lock()
        self.head = head
        let waiter = headWaiter
        headWaiter = nil
        condition.unlock()
        waiter?.resume(returning: .success(head))
    }

    /// A body chunk: blocks while the reader is `limit` bytes behind; false once the client is gone.
    func deliver(chunk: [UInt8]) -> Bool {
        condition.lock()
        while buffered >= limit, !cancelled { condition.wait() }
        guard !cancelled else {
            condition.unlock()
            return false
        }
        if let waiter = chunkWaiter {
            chunkWaiter = nil
            condition.unlock()
            waiter.resume(returning: .success(chunk))
            return true
        }
        chunks.append(chunk)
        buffered += chunk.count
        condition.unlock()
        return true
    }

    /// The transfer is over.
    func finish(_ end: End) {
        condition.lock()
        self.end = end
        let headWaiter = self.headWaiter
        self.headWaiter = nil
        let chunkWaiter = chunks.isEmpty ? self.chunkWaiter : nil
        if chunkWaiter != nil { self.chunkWaiter = nil }
        condition.unlock()
        let failure: ProxyFailure? = if case .failed(let message) = end { ProxyFailure(message) } else { nil }
        headWaiter?.resume(returning: .failure(failure ?? ProxyFailure("the upstream sent no response")))
        chunkWaiter?.resume(returning: failure.map { .failure($0) } ?? .success(nil))
    }

    /// Whether the client has gone, so that curl should abort.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    // MARK: - The client's task

    /// Waits for the response head, or why there is none.
    func awaitHead() async -> Result<UpstreamHead, ProxyFailure> {
        await withCheckedContinuation { continuation in
            condition.lock()
            if let head {
                condition.unlock()
                continuation.resume(returning: .success(head))
            } else if let end {
                condition.unlock()
                let message = if case .failed(let message) = end { message } else { "the upstream sent no response" }
                continuation.resume(returning: .failure(ProxyFailure(message)))
            } else {
                headWaiter = continuation
                condition.unlock()
            }
        }
    }

    /// The body bytes received since the last call, as one chunk (the reader may fall at most
    /// `limit` bytes behind); nil at a complete end, a failure when the transfer broke.
    func next() async -> Result<[UInt8]?, ProxyFailure> {
        await withCheckedContinuation { continuation in
            condition.lock()
            if !chunks.isEmpty {
                // Everything waiting goes out as one write: each write costs the client's task a
                // round trip to the event loop, so chunks that came in a burst (the end of a
                // stream, or a reader that fell behind) would otherwise queue up behind each other.
                var chunk = chunks[0]
                for more in chunks.dropFirst() { chunk.append(contentsOf: more) }
                buffered = 0
                chunks.removeAll(keepingCapacity: true)
                condition.signal()
                condition.unlock()
                continuation.resume(returning: .success(chunk))
            } else if let end {
                condition.unlock()
                switch end {
                case .complete: continuation.resume(returning: .success(nil))
                case .failed(let message): continuation.resume(returning: .failure(ProxyFailure(message)))
                }
            } else {
                chunkWaiter = continuation
                condition.unlock()
            }
        }
    }

    /// The client hung up: the curl thread stops waiting and aborts the transfer.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Why a proxied call failed, in the transport's words.
struct ProxyFailure: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
