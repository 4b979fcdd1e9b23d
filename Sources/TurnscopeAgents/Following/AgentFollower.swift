import Foundation
import Synchronization
import TurnscopeModel
import TurnscopeStore

/// Follows the coding agents' transcript folders while `turnscope serve` or the browser runs:
/// files that appear and lines appended to them are committed as they are written, a folder that
/// does not exist yet is picked up when it appears, and transcripts written while Turnscope was
/// not running are caught up on, newest first.
///
/// One thread does all of it, woken by inotify on Linux (polling elsewhere), so thousands of files
/// cost no thread or descriptor each. It hands records to the store like any other source: each
/// chunk of a file is written with the file's cursor in one transaction.
public final class AgentFollower: Sendable {
    /// Something the follower wants the user to know: a skipped line or a failed write.
    public typealias Report = @Sendable (String) -> Void

    let store: TraceStore
    let folders: AgentFolders
    let report: Report
    let commits: (@Sendable (FollowCommit) -> Void)?
    let stopping = Atomic<Bool>(false)
    let files = Atomic<Int>(0)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)

    /// - Parameters:
    ///   - report: receives skipped lines (`FILE:LINE: reason`) and write failures.
    ///   - commits: called after each commit, for benchmarks and tests that time the follow.
    public init(
        store: TraceStore, folders: AgentFolders, report: @escaping Report = { _ in },
        commits: (@Sendable (FollowCommit) -> Void)? = nil
    ) {
        self.store = store
        self.folders = folders
        self.report = report
        self.commits = commits
    }

    /// How many transcripts are followed.
    public var fileCount: Int { files.load(ordering: .relaxed) }

    /// Starts following on a thread of its own.
    public func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        let finished = finished
        let thread = Thread { [self] in
            var loop = FollowLoop(self)
            loop.run()
            finished.signal()
        }
        thread.name = "turnscope-agents"
        thread.start()
    }

    /// Stops following and waits for the commit in progress, if any.
    public func stop() {
        guard started.load(ordering: .relaxed), !stopping.exchange(true, ordering: .relaxed) else { return }
        finished.wait()
    }
}

/// One commit of the follower: which file, how many records, and when its last line was read.
public struct FollowCommit: Sendable {
    /// The transcript.
    public var path: String
    /// Records committed.
    public var records: Int
    /// The cursor after the commit.
    public var cursor: FileCursor
}
