import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Copies committed pages from the write-ahead log into the database file, off the writer's thread.
///
/// SQLite's automatic checkpoint runs inside the commit that takes the log past 1,000 pages, on
/// the writer's thread: that commit, and every request waiting for the next one, pays for copying
/// the log and for its `fsync`. A WAL hook on the writer's connection replaces it (installing a
/// hook turns the automatic checkpoint off): after each commit it only looks at the log's size,
/// and once the log holds `threshold` pages a passive checkpoint runs on a utility queue through a
/// connection of its own. Passive: it neither waits for nor blocks the writer and the readers.
///
/// SQLite starts the log over from its beginning only at the first commit after a checkpoint that
/// copied all of it; under steady writes a single pass never does (the writer adds pages while it
/// copies), and the log grew to hundreds of megabytes in `bench ingest`, slowing every commit. So
/// a pass is repeated while pages remain, each copying only what the last one left (a few passes
/// catch up), and should the log still reach `inlineThreshold` pages (a reader holding an old
/// snapshot, a disk slower than the writer) the writer checkpoints in its commit as SQLite would.
final class WALCheckpointer: Sendable {
    /// Pages in the log (4 KB each) that start a checkpoint: SQLite's own default.
    static let threshold: Int32 = 1_000
    /// Pages at which the writer checkpoints itself, in the commit, as a bound on the log.
    static let inlineThreshold: Int32 = 4_000
    /// Passes one checkpoint makes at most while the writer keeps adding pages.
    static let passes = 8
    /// How long a checkpoint waits after it is asked for, so a burst of commits asks once.
    static let delay = DispatchTimeInterval.milliseconds(20)

    private let path: String
    private let scheduled = Atomic<Bool>(false)
    private let connection = Mutex<DatabaseQueue?>(nil)
    private let queue = DispatchQueue(label: "turnscope.wal-checkpoint", qos: .utility)

    init(path: String) {
        self.path = path
    }

    /// Installs the hook on the writer's connection. The store owns both this object and the
    /// connection, and commits happen only through the store, so the unretained pointer outlives
    /// every call of the hook.
    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(
            db.sqliteConnection,
            { context, connection, name, pages in
                if pages >= WALCheckpointer.inlineThreshold {
                    // What SQLite's own hook does, in the commit: the bound on the log.
                    _ = sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                } else if pages >= WALCheckpointer.threshold, let context {
                    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().schedule()
                }
                return SQLITE_OK
            }, context)
    }

    /// Asks for a checkpoint, unless one is already waiting to run.
    private func schedule() {
        guard scheduled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        queue.asyncAfter(deadline: .now() + Self.delay) { [weak self] in
            guard let self else { return }
            scheduled.store(false, ordering: .releasing)
            checkpoint()
        }
    }

    /// A passive checkpoint through this object's own connection. A failure (the file gone, another
    /// checkpoint running) is left for the next one: the log only grows meanwhile.
    private func checkpoint() {
        connection.withLock { connection in
            do {
                if connection == nil {
                    var configuration = Configuration()
                    configuration.label = "wal-checkpoint"
                    configuration.busyMode = .immediateError
                    configuration.foreignKeysEnabled = false
                    connection = try DatabaseQueue(path: path, configuration: configuration)
                }
                try connection?.writeWithoutTransaction { db in
                    for _ in 0..<Self.passes {
                        // (busy, pages in the log, pages copied): done once everything is copied.
                        guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)"),
                            let log = row[1] as Int64?, let copied = row[2] as Int64?, copied < log
                        else { return }
                    }
                }
            } catch {
                return
            }
        }
    }
}
