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
    /// The most records one transaction takes; more wait for the next commit.
    private let maxRecordsPerCommit: Int

    /// Starts the writer thread for `store`.
    public init(store: TraceStore, maxRecordsPerCommit: Int = 20_000) {
        self.store = store
        self.maxRecordsPerCommit = maxRecordsPerCommit
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
                let (batch, stopped) = state.withLock { state -> ([Pending], Bool) in
                    var taken: [Pending] = []
                    var count = 0
                    while let next = state.queue.first, taken.isEmpty || count + next.records.count <= maxRecordsPerCommit {
                        taken.append(state.queue.removeFirst())
                        count += next.records.count
                    }
                    return (taken, state.stopped)
                }
                if batch.isEmpty {
                    if stopped {
                        finished.signal()
                        return
                    }
                    break
                }
                commit(batch)
            }
        }
    }

    /// One transaction per client for the whole batch; if one fails, each of its requests again on
    /// its own, so one request's bad records never take its neighbours down.
    private func commit(_ batch: [Pending]) {
        for group in Dictionary(grouping: batch, by: \.client).values {
            commit(group, client: group[0].client)
        }
    }

    private func commit(_ group: [Pending], client: String) {
        if group.count > 1 {
            do {
                let result = try store.write(group.flatMap(\.records), client: client)
                for pending in group { pending.done.resume(returning: .success(result)) }
                return
            } catch {
                // fall through to one transaction per request
            }
        }
        for pending in group {
            do {
                pending.done.resume(returning: .success(try store.write(pending.records, client: pending.client)))
            } catch {
                pending.done.resume(returning: .failure(error))
            }
        }
    }
}
