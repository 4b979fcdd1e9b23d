import Foundation
import GRDB
import GRDBSQLite

/// The columns of the row a statement is positioned on, read straight from SQLite.
///
/// The writer looks up a row by key for every record it merges; building a GRDB `Row` for that
/// (a column-name dictionary, boxed values) cost more than the lookup itself, so the hot lookups
/// read their columns here instead. Valid only inside `Statement.first(_:_:_:)`'s closure.
struct SQLColumns {
    let statement: OpaquePointer

    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    func isBlob(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_BLOB }

    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(statement, index) }

    func int64OrNil(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }

    func doubleOrNil(_ index: Int32) -> Double? { isNull(index) ? nil : sqlite3_column_double(statement, index) }

    func boolOrNil(_ index: Int32) -> Bool? { isNull(index) ? nil : int64(index) != 0 }

    func text(_ index: Int32) -> String { textOrNil(index) ?? "" }

    func textOrNil(_ index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func dataOrNil(_ index: Int32) -> Data? {
        guard !isNull(index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        guard count > 0, let pointer = sqlite3_column_blob(statement, index) else { return Data() }
        return Data(bytes: pointer, count: count)
    }
}

extension Statement {
    /// Runs a query with `values` bound in order and reads its first row with `read`, or nil when
    /// there is none.
    func first<T>(_ db: Database, _ values: [SQLValue], _ read: (SQLColumns) -> T) throws -> T? {
        let statement = sqliteStatement
        try bind(db, values)
        defer { sqlite3_reset(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return read(SQLColumns(statement: statement))
        case SQLITE_DONE: return nil
        case let code: throw Self.error(db, code, sql)
        }
    }
}
