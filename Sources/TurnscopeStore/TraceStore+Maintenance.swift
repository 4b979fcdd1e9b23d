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
