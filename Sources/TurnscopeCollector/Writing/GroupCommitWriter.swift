import Foundation
import Synchronization
import TurnscopeModel
import TurnscopeStore

/// Commits the records of concurrent requests together, on one thread of its own.
///
/// Each request hands over its decoded records and waits; the writer thread takes everything
/// that queued up while the previous commit ran and writes it in one transaction, so many small
/// requests cost one commit, not one each. A request is answered only after its records are
/// committed. Writes block on SQLite, which is why they run on a dedicated thread and never on
/// the few threads Swift's concurrency shares with the HTTP server.
public final class GroupCommitWriter: Sendable {
    private struct Pending {
        var records: [Record]
        var client: String
        var done: CheckedContinuation<Result<WriteResult, StoreError>, Never>
    }

    private struct State {
        var queue: [Pending] = []
        var stopped = false
    }

    private let store: TraceStore
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// The most records one round of commits takes; more wait for the next round. It bounds how
    /// long a request that arrives meanwhile waits for the writer to be free.
    private let maxRecordsPerCommit: Int
    /// Requests of at most this many records are committed before larger ones taken in the same
    /// round, in a transaction of their own (see `commit(_:)`).
    private let smallRequestRecords: Int

    /// Starts the writer thread for `store`.
    public init(store: TraceStore, maxRecordsPerCommit: Int = 2_048, smallRequestRecords: Int = 256) {
        self.store = store
        self.maxRecordsPerCommit = maxRecordsPerCommit
        self.smallRequestRecords = smallRequestRecords
        let thread = Thread { [self] in self.run() }
        thread.name = "turnscope-writer"
        thread.start()
    }

    /// Writes `records` and returns once they are committed (or the write failed).
    public func write(_ records: [Record], client: String) async -> Result<WriteResult, StoreError> {
        guard !records.isEmpty else { return .success(WriteResult(records: 0, newContentBytes: 0, changeSeq: 0)) }
        return await withCheckedContinuation { continuation in
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.queue.append(Pending(records: records, client: client, done: continuation))
                return true
            }
            if accepted {
                wake.signal()
            } else {
                continuation.resume(returning: .failure(StoreError("the collector is shutting down")))
            }
        }
    }

    /// Finishes what is queued, then stops the thread.
    public func stop() {
        let first = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        wake.signal()
        finished.wait()
    }

    private func run() {
        while true {
            wake.wait()
            while true {
                var batch: [Pending] = []
                let stopped = state.withLock { state -> Bool in
                    // The oldest request always, then every other one that still fits: a small
                    // request queued behind a large one that does not fit need not wait a round.
                    var taken: [Pending] = []
                    var left: [Pending] = []
                    var count = 0
                    for pending in state.queue {
                        if taken.isEmpty || count + pending.records.count <= maxRecordsPerCommit {
                            taken.append(pending)
                            count += pending.records.count
                        } else {
                            left.append(pending)
                        }
                    }
                    state.queue = left
                    batch = taken
                    return state.stopped
                }
                if batch.isEmpty {
                    if stopped {
                        finished.signal()
                        return
                    }
                    break
                }
                commit(&batch)
            }
        }
    }

    /// One transaction per client for the small requests, then one per client for the large ones;
    /// if one fails, each of its requests again on its own, so one request's bad records never
    /// take its neighbours down.
    ///
    /// Small requests go first and apart because a batch of 50 events should not wait for the
    /// thousand records of an OTLP export that happened to queue beside it: committed first, it
    /// waits at most for the commit already running.
    private func commit(_ batch: inout [Pending]) {
        let small = batch.indices.filter { batch[$0].records.count <= smallRequestRecords }
        let large = batch.indices.filter { batch[$0].records.count > smallRequestRecords }
        for part in [small, large] where !part.isEmpty {
            let groups = Dictionary(grouping: part) { batch[$0].client }.values.sorted { $0[0] < $1[0] }
            for group in groups { commit(&batch, group) }
        }
    }

    /// Commits the requests at `indices` of `batch`, which share a client.
    private func commit(_ batch: inout [Pending], _ indices: [Int]) {
        if indices.count > 1 {
            do {
                let result = try store.write(batches: indices.map { batch[$0].records }, client: batch[indices[0]].client)
                for index in indices { finish(&batch[index], .success(result)) }
                return
            } catch {
                // fall through to one transaction per request
            }
        }
        for index in indices {
            do {
                finish(&batch[index], .success(try store.write(batch[index].records, client: batch[index].client)))
            } catch {
                finish(&batch[index], .failure(error))
            }
        }
    }

    /// Answers a request, letting go of its records first: the request's task still holds them,
    /// so freeing them (every string of every record) happens there, not on the one writer thread.
    private func finish(_ pending: inout Pending, _ result: Result<WriteResult, StoreError>) {
        pending.records = []
        pending.done.resume(returning: result)
    }
}
