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
/// connection of its own. Passive: it neither waits for nor blocks the writer and the readers, and
/// what it cannot copy yet (a reader still needs it) is copied next time. SQLite restarts the log
/// from its beginning at the first commit after a checkpoint that copied everything.
final class WALCheckpointer: Sendable {
    /// Pages in the log (4 KB each) that start a checkpoint: SQLite's own default.
    static let threshold: Int32 = 1_000
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
            { context, _, _, pages in
                if pages >= WALCheckpointer.threshold, let context {
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
                    _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                }
            } catch {
                return
            }
        }
    }
}
