import Foundation
import Synchronization
import TurnscopeModel
import TurnscopeStore
#if canImport(Glibc)
import Glibc
#endif

/// The next batch of the outbox, read on a thread of its own while the current batch is encoded
/// and on the wire: reading and sending then use both cores instead of taking turns on one.
final class BacklogPrefetch: Sendable {
    private let result = Mutex<Result<[MirrorItem], StoreError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading the entries past `after`.
    init(store: TraceStore, records: Int, after: MirrorEntry) {
        let thread = Thread { [self] in
            #if canImport(Glibc)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)  // below ingest, as the drainer
            #endif
            let read = Result { () throws(StoreError) -> [MirrorItem] in try store.mirrorBacklog(records: records, after: after) }
            result.withLock { $0 = read }
            done.signal()
        }
        thread.name = "turnscope-mirror-read"
        thread.start()
    }

    /// Waits for the read and returns it.
    func items() throws(StoreError) -> [MirrorItem] {
        done.wait()
        done.signal()  // a second call returns at once
        return try result.withLock { $0! }.get()
    }
}
