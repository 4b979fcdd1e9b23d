import GRDB
import TurnscopeModel

/// What one write did.
public struct WriteResult: Sendable, Equatable {
    /// Records written (merged into existing rows or new).
    public var records: Int
    /// Bytes of content that were new to the store (already-stored content costs nothing).
    public var newContentBytes: Int
    /// The change sequence the write committed as (see `changeToken()`).
    public var changeSeq: Int64

    public init(records: Int, newContentBytes: Int, changeSeq: Int64) {
        self.records = records
        self.newContentBytes = newContentBytes
        self.changeSeq = changeSeq
    }
}

extension TraceStore {
    /// Writes a batch of records in one transaction: all of them or, on error, none.
    ///
    /// Records may come in any order and more than once: each merges into the row with its id
    /// (see `MergePolicy`), so resending a batch changes nothing.
    ///
    /// - Parameter client: names the source (`import`, `langfuse`, `otlp`), used to group traces
    ///   that arrive without a session id.
    @discardableResult
    public func write(_ records: [TurnscopeModel.Record], client: String = "native") throws(StoreError) -> WriteResult {
        try write(batches: [records], client: client)
    }

    /// Writes several batches of records in one transaction, in order, as if they were one batch.
    ///
    /// A group commit hands over its requests' batches as they are: joining them into one array
    /// first would copy every record, and free the copies, on the one writer thread.
    ///
    /// - Parameter cursors: transcript cursors saved in the same transaction, so that a reader
    ///   that resumes from them never misses or repeats a committed record.
    @discardableResult
    public func write(
        batches: [[TurnscopeModel.Record]], client: String = "native", cursors: [FileCursor] = []
    ) throws(StoreError) -> WriteResult {
        do {
            return try memory.withLock { memory in
                var added: [ContentHash] = []
                do {
                    return try pool.write { db in
                        let changeSeq = (try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'change_seq'") ?? 0) + 1
                        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'change_seq'", arguments: [changeSeq])
                        if memory.known.count > WriterMemory.knownLimit { memory.known.removeAll(keepingCapacity: true) }
                        var transaction = try WriteTransaction(
                            db: db, changeSeq: changeSeq, client: client, pricing: pricing, memory: memory,
                            queuesForMirror: queuesForMirror(client: client), mirrorsAgents: queuesAgentsForMirror)
                        memory = WriterMemory()  // hand the caches over without copying them
                        defer {
                            memory = transaction.blobs.memory
                            added = transaction.blobs.added
                        }
                        var count = 0
                        for records in batches {
                            for record in records { try transaction.write(record) }
                            count += records.count
                        }
                        try transaction.finish()
                        try Self.save(cursors, db)
                        return WriteResult(
                            records: count, newContentBytes: transaction.blobs.storedBytes, changeSeq: changeSeq)
                    }
                } catch {
                    // The transaction rolled back: forget the blobs it had stored.
                    for hash in added { memory.known[hash] = nil }
                    memory.histories.removeAll()
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("write failed: \(Self.describe(error))")
        }
    }
}
