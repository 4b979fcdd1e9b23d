import GRDB

extension TraceStore {
    /// Runs a read against a consistent snapshot, mapping database errors to one-line messages.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("read failed: \(Self.describe(error))")
        }
    }

    /// A cheap number that changes whenever any process commits a write: a live viewer polls it
    /// and refreshes what is on screen only when it moved.
    public func changeToken() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'change_seq'") ?? 0 }
    }
}
