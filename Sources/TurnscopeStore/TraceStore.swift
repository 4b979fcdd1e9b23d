import Foundation
import GRDB
import Synchronization
import TurnscopeModel

/// The one SQLite file that holds every session, trace, observation and score.
///
/// It is the only code in Turnscope that speaks SQL. Writers hand it batches of records; readers
/// ask it questions in the model's words and get model values back, a page at a time.
public final class TraceStore: Sendable {
    /// The database file's path.
    public let path: String
    let pool: DatabasePool
    /// Checkpoints the write-ahead log off the writer's thread (nil when read-only).
    private let checkpointer: WALCheckpointer?
    let pricing: PriceTable
    /// What the writer remembers between writes, so resent history costs no SQL at all.
    let memory = Mutex(WriterMemory())
    private let mirrorSwitch = Atomic<Bool>(false)
    private let agentMirrorSwitch = Atomic<Bool>(false)
    /// Blobs the mirror's backlog reads decoded, kept between its rounds (bounded).
    let mirrorBlobs = Mutex(BlobReader.Memo())

    /// Whether writes queue their records in the mirror outbox (in the same transaction). Off
    /// until the mirror is on, so records written while it was off are never sent by surprise.
    public var queuesForMirror: Bool {
        get { mirrorSwitch.load(ordering: .relaxed) }
        set { mirrorSwitch.store(newValue, ordering: .relaxed) }
    }

    /// Whether records read from coding agents' transcripts are queued for the mirror too. Off
    /// unless the user asks (`--mirror-agents`): setting LANGFUSE_* for an app is no consent to
    /// send one's coding sessions anywhere.
    public var queuesAgentsForMirror: Bool {
        get { agentMirrorSwitch.load(ordering: .relaxed) }
        set { agentMirrorSwitch.store(newValue, ordering: .relaxed) }
    }

    /// Whether a write by `client` queues its records for the mirror.
    func queuesForMirror(client: String) -> Bool {
        queuesForMirror && (queuesAgentsForMirror || !SessionSource.agents.contains(client))
    }

    /// Opens (creating when needed, with mode 0600) the database at `path`.
    ///
    /// - Parameter readOnly: open for reading only, refusing to create or migrate the file.
    public init(path: String, pricing: PriceTable = .bundled, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        self.pricing = pricing
        let fileManager = FileManager.default
        if readOnly {
            guard fileManager.fileExists(atPath: path) else { throw StoreError("no database at \(path)") }
        } else {
            try Self.createPrivately(path)
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(5)
        // The writer creates every parent row in the same transaction as its children, but saves
        // traces last (see WriteTransaction); SQLite's immediate foreign-key checks would refuse
        // that order, so integrity is the writer's job.
        configuration.foreignKeysEnabled = false
        let checkpointer = readOnly ? nil : WALCheckpointer(path: path)
        self.checkpointer = checkpointer
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                checkpointer?.install(on: db)
            }
            // The writer keeps 6 MB of pages (index pages it revisits on every commit): 16 MB wrote
            // no faster under `bench ingest` or `bench store`, and held 10 MB more of the
            // collector's memory. Readers serve a screen or a page of rows at a time and keep 4 MB
            // each, so a browser with several reader connections stays small.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -4000" : "PRAGMA cache_size = -6000")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            if readOnly {
                let applied = try pool.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
                if !applied { throw StoreError("\(path) was written by another version of Turnscope") }
            } else {
                try Migrations.migrator.migrate(pool)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError("\(path) is not a Turnscope database (not an SQLite file, or damaged)")
        } catch let error as DatabaseError where error.message?.contains("no such table") == true {
            throw StoreError("\(path) is an SQLite file but not a Turnscope database")
        } catch {
            throw StoreError("cannot open \(path): \(Self.describe(error))")
        }
    }

    /// Creates the directory and an empty file readable by the owner only, before SQLite opens it.
    private static func createPrivately(_ path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError("cannot create \(directory): \(error.localizedDescription)")
            }
        }
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
