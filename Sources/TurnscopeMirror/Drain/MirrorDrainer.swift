import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import TurnscopeModel
import TurnscopeStore

/// Sends the store's mirror outbox to Langfuse, on a thread of its own.
///
/// Ingest never waits for it: the collector only adds outbox rows in its own transactions, and the
/// drainer reads them from a snapshot and marks them delivered in short writes of its own. Delivery
/// is at least once with stable ids, so a record sent twice (a retry, a restart after a crash)
/// merges into the same record upstream.
public final class MirrorDrainer: Sendable {
    let store: TraceStore
    /// Where and how it sends.
    public let settings: MirrorSettings
    let transport: any MirrorTransport
    let requests: RequestBuilder
    private let state: Mutex<State>
    private let finished = DispatchSemaphore(value: 0)

    private struct State {
        var stopping = false
        var running = false
        var wire: MirrorProtocol = .otlp
        var backoff: Backoff
        var delivered = 0
        /// The next batch, being read while the current one is sent.
        var prefetch: BacklogPrefetch?
        /// When a success was last written to the store's status: at most once a second, so the
        /// status costs ingest no write per round.
        var lastSuccessNoted: Date?
    }

    /// A drainer for `store` sending to the settings' destination, through libcurl unless a test
    /// passes another transport.
    public init(store: TraceStore, settings: MirrorSettings, transport: (any MirrorTransport)? = nil) {
        self.store = store
        self.settings = settings
        self.transport = transport ?? CurlTransport(options: settings.transport)
        requests = RequestBuilder(destination: settings.destination, options: EncodeOptions(redact: settings.redact))
        state = Mutex(State(backoff: Backoff(initial: settings.initialBackoff, maximum: settings.maximumBackoff)))
    }

    /// The protocol in use: OTLP until the server shows it has no OTLP endpoint.
    public var wire: MirrorProtocol { state.withLock { $0.wire } }

    /// Records delivered since the drainer was made.
    public var deliveredRecords: Int { state.withLock { $0.delivered } }

    /// Starts draining in the background until `stop()`.
    public func start() {
        let alreadyRunning = state.withLock { state in
            defer { state.running = true }
            return state.running
        }
        guard !alreadyRunning else { return }
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "turnscope-mirror"
        thread.start()
    }

    /// Stops after the request in flight, waiting for it at most three seconds so that quitting is
    /// never held up by a slow server: a request abandoned then is simply sent again next time
    /// (what was not marked delivered stays in the outbox).
    public func stop() {
        let running = state.withLock { state in
            state.stopping = true
            return state.running
        }
        guard running else { return }
        _ = finished.wait(timeout: .now() + min(3, settings.transport.totalTimeout + 1))
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func run() {
        #if canImport(Glibc)
        // The drainer yields the CPU to ingest: forwarding can lag a little where collecting must
        // not. On Linux the nice value is per thread, and `who` 0 names the calling thread.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
        while !isStopping {
            let started = DispatchTime.now().uptimeNanoseconds
            let changes = try? store.changeToken()
            switch drainOnce() {
            case .idle: pause(settings.idleInterval)
            case .progressed: restWhileIngestIsBusy(since: started, changes: changes)
            case .backingOff(let seconds, _): pause(seconds)
            }
        }
    }

    /// After a round during which records kept arriving, rests so that the drainer works at most
    /// `settings.busyShare` of the time. On a machine whose cores ingest keeps busy, the drainer's
    /// CPU (reading the backlog, encoding, compressing) is taken from ingest even at a lower
    /// priority, which is where the mirror's cost to ingest was measured to go; forwarding can lag
    /// while records pour in and catch up once they stop, when the drainer runs flat out.
    private func restWhileIngestIsBusy(since started: UInt64, changes before: Int64?) {
        guard settings.busyShare < 1, let before, let after = try? store.changeToken(), after != before else { return }
        let worked = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        pause(worked * (1 - settings.busyShare) / max(settings.busyShare, 0.01))
    }

    /// Sleeps in short steps so that `stop()` is honoured quickly.
    private func pause(_ seconds: Double) {
        let end = Date().addingTimeInterval(seconds)
        while !isStopping, Date() < end { Thread.sleep(forTimeInterval: min(0.05, max(0, end.timeIntervalSinceNow))) }
    }

    /// One pass: reads up to `recordsPerRequest` pending records, sends them, marks the outcome.
    /// The background thread calls it in a loop; tests call it directly.
    @discardableResult
    public func drainOnce() -> DrainRound {
        let items: [MirrorItem]
        do {
            let next = try takePrefetch()?.items() ?? []
            // An empty read past the last batch means the end of the outbox: start over from the top,
            // where entries queued again (changed while they were sent) wait.
            items = next.isEmpty ? try store.mirrorBacklog(records: settings.recordsPerRequest) : next
        } catch {
            return backOff(reason: "reading the outbox: \(error)", retryAfter: nil)
        }
        if items.isEmpty { return .idle }
        if let last = items.last?.entry {
            let prefetch = BacklogPrefetch(store: store, records: settings.recordsPerRequest, after: last)
            state.withLock { $0.prefetch = prefetch }
        }
        var traces: [MirrorItem] = []
        var scores: [MirrorItem] = []
        var gone: [MirrorEntry] = []
        for item in items {
            switch item.payload {
            case .trace: traces.append(item)
            case .score: scores.append(item)
            case .gone: gone.append(item.entry)
            }
        }
        let progress = mark(gone).then { deliver(traces, mark: true) }.then { deliverScores(scores) }
        if case .stopped(let reason, let retryAfter) = progress { return backOff(reason: reason, retryAfter: retryAfter) }
        let noteDue = state.withLock { state in
            let failedBefore = state.backoff.failures > 0
            state.backoff.succeed()
            let due = failedBefore || state.lastSuccessNoted.map { Date().timeIntervalSince($0) >= 1 } ?? true
            if due { state.lastSuccessNoted = Date() }
            return due
        }
        if noteDue {
            try? store.noteMirrorAttempt(destination: settings.destination.host, transport: wire.rawValue, error: nil, at: .now)
        }
        return .progressed(records: items.reduce(0) { $0 + $1.recordCount })
    }

    private func backOff(reason: String, retryAfter: Double?) -> DrainRound {
        // After a failure the next round starts from the top of the outbox, with what failed.
        _ = try? takePrefetch()?.items()
        let seconds = state.withLock { $0.backoff.fail(retryAfter: retryAfter) }
        try? store.noteMirrorAttempt(destination: settings.destination.host, transport: wire.rawValue, error: reason, at: .now)
        return .backingOff(seconds: seconds, reason: reason)
    }

    /// The read of the next batch, if one was started; it is the caller's from now on.
    private func takePrefetch() -> BacklogPrefetch? {
        state.withLock { state in
            defer { state.prefetch = nil }
            return state.prefetch
        }
    }

    // MARK: Outcomes in the store

    func mark(_ entries: [MirrorEntry], records: Int = 0) -> Progress {
        guard !entries.isEmpty else { return .delivered }
        do {
            try store.markMirrored(entries)
            state.withLock { $0.delivered += records }
            return .delivered
        } catch {
            return .stopped(reason: "marking records delivered: \(error)", retryAfter: nil)
        }
    }

    func park(_ entries: [MirrorEntry], reason: String) -> Progress {
        do {
            try store.parkMirror(entries, reason: reason)
            return .parked
        } catch {
            return .stopped(reason: "parking refused records: \(error)", retryAfter: nil)
        }
    }

    func switchToIngestion() {
        state.withLock { $0.wire = .ingestion }
    }

    /// Sends a request, turning a transport failure into a stop.
    func send(_ request: MirrorRequest) -> Result<MirrorResponse, TransportError> {
        do {
            return .success(try transport.send(request))
        } catch {
            return .failure(error)
        }
    }
}
