import CCurl
import Synchronization

/// Idle libcurl easy handles kept between proxied calls, so that a call reuses the connections
/// (and TLS sessions and DNS answers) an earlier call left open rather than connecting again.
///
/// A handle is used by one transfer at a time: `take()` hands it out, `give(_:)` resets its options
/// (`curl_easy_reset` keeps its connection cache) and keeps it for the next call. libcurl closes a
/// cached connection that the server closed, or that was idle too long, before reusing it.
final class CurlHandlePool: Sendable {
    /// A handle, movable between threads while nobody uses it.
    struct Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    static let shared = CurlHandlePool(capacity: 64)

    private let idle = Mutex<[Handle]>([])
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// An idle handle, or a new one; nil when libcurl cannot make one.
    func take() -> Handle? {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        return curl_easy_init().map(Handle.init)
    }

    /// Returns a handle once its transfer is over; beyond `capacity` idle ones it is closed.
    func give(_ handle: Handle) {
        curl_easy_reset(handle.pointer)
        let kept = idle.withLock { idle in
            guard idle.count < capacity else { return false }
            idle.append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle.pointer) }
    }
}
