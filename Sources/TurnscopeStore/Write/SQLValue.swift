import Foundation
import GRDB
import GRDBSQLite

/// A value bound straight to an SQLite parameter.
///
/// The writer's hot statements bind through this rather than GRDB's `StatementArguments`, whose
/// per-value conversions cost more than the insert itself (measured: about 40% of a write).
/// Everything else, connections, transactions, migrations and reads, stays with GRDB.
enum SQLValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    init(_ value: Int64?) { self = value.map(SQLValue.integer) ?? .null }
    init(_ value: Double?) { self = value.map(SQLValue.real) ?? .null }
    init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    init(_ value: Data?) { self = value.map(SQLValue.blob) ?? .null }
    init(_ value: Bool?) { self = value.map { .integer($0 ? 1 : 0) } ?? .null }
}

extension Statement {
    /// Runs an INSERT, UPDATE or DELETE with `values` bound in order.
    func run(_ db: Database, _ values: [SQLValue]) throws {
        let statement = sqliteStatement
        try bind(db, values)
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw Self.error(db, code, sql) }
    }

    /// Resets the statement and binds `values` to its parameters in order.
    func bind(_ db: Database, _ values: [SQLValue]) throws {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(statement, index)
            case .integer(let integer):
                code = sqlite3_bind_int64(statement, index, integer)
            case .real(let real):
                code = sqlite3_bind_double(statement, index, real)
            case .text(var text):
                code = text.withUTF8 { utf8 in
                    sqlite3_bind_text(statement, index, utf8.baseAddress, Int32(utf8.count), Self.transient)
                }
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    // A zero-length blob still needs a non-null pointer, or SQLite binds NULL.
                    sqlite3_bind_blob(statement, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw Self.error(db, code, sql) }
        }
    }

    /// SQLite's "copy the value now" destructor.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func error(_ db: Database, _ code: Int32, _ sql: String) -> DatabaseError {
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(code)"
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}
