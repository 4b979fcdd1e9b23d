import Foundation
import GRDB

extension TraceStore {
    /// Moves the write-ahead log into the main file and returns the bytes the database takes on
    /// disk (main file plus what is left of the log).
    public func checkpointAndMeasure() throws(StoreError) -> Int64 {
        do {
            try pool.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw StoreError("checkpoint failed: \(Self.describe(error))")
        }
        return [path, path + "-wal"].reduce(Int64(0)) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}

extension TraceStore {
    /// The bytes each table and index takes in the main file (`dbstat`), largest first: what a
    /// benchmark reports to show where the space goes.
    public func spaceByObject() throws(StoreError) -> [(name: String, bytes: Int64)] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
                    .map { (name: $0["name"], bytes: $0["bytes"]) }
            }
        } catch {
            throw StoreError("reading dbstat failed: \(Self.describe(error))")
        }
    }
}

extension TraceStore {
    /// Forgets the sessions' last prompts the writer keeps to store a growing history cheaply.
    /// An import calls it when a transcript is done: that session will not grow again in this
    /// run, and hundreds of finished histories would otherwise stay in memory.
    public func forgetRecentHistories() {
        memory.withLock { $0.histories.removeAll() }
    }
}
