import GRDB
import TurnscopeModel

/// The agent transcript cursors: how far each followed file has been read and committed.
extension TraceStore {
    /// Every saved cursor, by path.
    public func fileCursors() throws(StoreError) -> [String: FileCursor] {
        try read { db in
            var cursors: [String: FileCursor] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT path, device, inode, size, offset, head, lines FROM agent_files")
            while let row = try rows.next() {
                let cursor = FileCursor(
                    path: row[0], device: UInt64(bitPattern: row[1]), inode: UInt64(bitPattern: row[2]), size: row[3],
                    offset: row[4], head: UInt64(bitPattern: row[5]), lines: row[6])
                cursors[cursor.path] = cursor
            }
            return cursors
        }
    }

    /// Saves cursors inside a write transaction (see `write(batches:client:cursors:)`).
    static func save(_ cursors: [FileCursor], _ db: Database) throws {
        guard !cursors.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO agent_files (path, device, inode, size, offset, head, lines)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for cursor in cursors {
            try statement.execute(arguments: [
                cursor.path, Int64(bitPattern: cursor.device), Int64(bitPattern: cursor.inode), cursor.size,
                cursor.offset, Int64(bitPattern: cursor.head), cursor.lines,
            ])
        }
    }
}
