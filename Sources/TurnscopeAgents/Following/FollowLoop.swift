import Foundation
import TurnscopeIngest
import TurnscopeModel
import TurnscopeStore

/// The follower's thread: watches folders, reads what changed, commits it. Everything here
/// belongs to that one thread.
struct FollowLoop {
    private let follower: AgentFollower
    private let watch = FolderWatch()
    /// Every transcript known, with the root it is under.
    private var known: [String: AgentRoot] = [:]
    /// Readers kept in memory, by path, and the order they were last used in (oldest first).
    private var tails: [String: TranscriptTail] = [:]
    private var recency: [String] = []
    /// The last cursor committed for each file, for a reader rebuilt after eviction.
    private var cursors: [String: FileCursor] = [:]
    /// Files written to since they were last read: read first.
    private var changed: [String] = []
    private var changedSet: Set<String> = []
    /// Files not read yet this run (the catch-up), newest first.
    private var backlog: [String] = []
    /// Roots whose folder does not exist (yet).
    private var missing: [AgentRoot] = []
    /// Sizes seen by the last poll, where there is no inotify.
    private var polledSizes: [String: Int64] = [:]

    /// How many readers stay in memory; an evicted one is rebuilt from its cursor when needed.
    static let readerLimit = 256
    /// How long the catch-up may hold the loop before it looks for fresh changes again.
    static let backlogSlice: TimeInterval = 0.05

    init(_ follower: AgentFollower) {
        self.follower = follower
    }

    mutating func run() {
        cursors = (try? follower.store.fileCursors()) ?? [:]
        missing = follower.folders.roots
        discoverRoots()
        var lastRootCheck = Date()
        while !follower.stopping.load(ordering: .relaxed) {
            let changes = watch.changes(waiting: changed.isEmpty && backlog.isEmpty ? 100 : 0)
            for change in changes { note(change) }
            if watch.overflowed {
                watch.acknowledgeOverflow()
                rescan()
            }
            if !watch.isAvailable { poll() }
            if Date().timeIntervalSince(lastRootCheck) > 0.5 {
                discoverRoots()
                lastRootCheck = Date()
            }
            while let path = changed.first {
                changed.removeFirst()
                changedSet.remove(path)
                readToEnd(path)
                if follower.stopping.load(ordering: .relaxed) { return }
            }
            let sliceStart = Date()
            while !backlog.isEmpty, Date().timeIntervalSince(sliceStart) < Self.backlogSlice {
                let path = backlog.removeLast()
                readToEnd(path)
                evictIfNeeded(keeping: path, dropState: true)
            }
        }
    }

    // MARK: Finding files

    /// Looks for roots that did not exist and scans those that now do.
    private mutating func discoverRoots() {
        var stillMissing: [AgentRoot] = []
        for root in missing {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue {
                scan(root, under: root.path, catchUp: true)
            } else {
                stillMissing.append(root)
            }
        }
        missing = stillMissing
    }

    /// Scans `folder` (under `root`) for transcripts and folders to watch.
    private mutating func scan(_ root: AgentRoot, under folder: String, catchUp: Bool) {
        var found = TranscriptDiscovery.scan(AgentRoot(path: folder, format: root.format))
        for path in found.folders { watch.watch(path) }
        if !catchUp {
            // A folder that appeared while running is listed again once it is watched: an agent
            // creates a project's folder and writes its first line at once, and a file made
            // between the listing and the watch would otherwise wait for its next write.
            found = TranscriptDiscovery.scan(AgentRoot(path: folder, format: root.format))
        }
        var fresh: [(String, Date)] = []
        for file in found.files where known[file.path] == nil {
            known[file.path] = root
            let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? nil
            fresh.append((file.path, modified ?? .distantPast))
        }
        follower.files.store(known.count, ordering: .relaxed)
        if catchUp {
            // popLast takes the newest first.
            backlog.insert(contentsOf: fresh.sorted { $0.1 < $1.1 }.map(\.0), at: 0)
        } else {
            for (path, _) in fresh { markChanged(path) }
        }
    }

    /// After an inotify overflow: every folder scanned again and every file looked at.
    private mutating func rescan() {
        for root in follower.folders.roots { scan(root, under: root.path, catchUp: false) }
        for path in known.keys { markChanged(path) }
    }

    /// Without inotify: a new file or a changed size marks the file.
    private mutating func poll() {
        for root in follower.folders.roots { scan(root, under: root.path, catchUp: false) }
        for path in known.keys {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? nil
            if let size, polledSizes[path] != size {
                polledSizes[path] = size
                markChanged(path)
            }
        }
    }

    private mutating func note(_ change: FolderWatch.Change) {
        let path = change.folder + "/" + change.name
        guard let root = rootOf(change.folder) else { return }
        if change.isFolder {
            scan(root, under: path, catchUp: false)
        } else if root.holdsTranscript(named: change.name) {
            if known[path] == nil {
                known[path] = root
                follower.files.store(known.count, ordering: .relaxed)
            }
            markChanged(path)
        }
    }

    private func rootOf(_ folder: String) -> AgentRoot? {
        follower.folders.roots.first { folder == $0.path || folder.hasPrefix($0.path + "/") }
    }

    private mutating func markChanged(_ path: String) {
        if changedSet.insert(path).inserted { changed.append(path) }
    }

    // MARK: Reading

    /// Reads and commits everything new in `path`, a chunk per transaction.
    private mutating func readToEnd(_ path: String) {
        guard let root = known[path] else { return }
        var tail: TranscriptTail
        if let kept = tails.removeValue(forKey: path) {
            tail = kept
        } else {
            tail = TranscriptTail(path: path, format: root.format, saved: cursors[path])
            // A file as its saved cursor left it costs a stat and a look at its first bytes; its
            // reader is rebuilt (by reading it again) only once it grows.
            if tail.isUnchanged() { return }
        }
        recency.removeAll { $0 == path }
        while !follower.stopping.load(ordering: .relaxed), let chunk = tail.read() {
            for line in chunk.skipped { follower.report(line.description) }
            if chunk.bytes > 0 {
                do {
                    try follower.store.write(batches: [chunk.records], client: root.format.rawValue, cursors: [chunk.cursor])
                    cursors[path] = chunk.cursor
                    follower.commits?(FollowCommit(path: path, records: chunk.records.count, cursor: chunk.cursor))
                } catch {
                    // The reader has moved past lines that were not committed: it is dropped, and
                    // the file's next change rebuilds it from the last committed cursor, so
                    // nothing read here is lost (a busy database, a full disk).
                    follower.report("\(path): \(error)")
                    return
                }
            }
            if chunk.atEnd || chunk.bytes == 0 { break }
        }
        tails[path] = tail
        recency.append(path)
        evictIfNeeded(keeping: path, dropState: false)
    }

    /// Keeps at most `readerLimit` readers; `dropState` lets a catch-up file go at once, since
    /// most old transcripts never change again.
    private mutating func evictIfNeeded(keeping path: String, dropState: Bool) {
        if dropState, let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil,
            Date().timeIntervalSince(modified) > 600
        {
            tails[path] = nil
            recency.removeAll { $0 == path }
        }
        while recency.count > Self.readerLimit {
            let oldest = recency.removeFirst()
            tails[oldest] = nil
        }
    }
}
