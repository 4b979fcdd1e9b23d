import Foundation
import GRDB
import TurnscopeModel

/// A JSON-valued column that rows written now fill with a blob reference, and rows written before
/// hold as JSON text. Both read back alike.
///
/// For values many rows repeat, such as a model call's request parameters (the same temperature
/// and token limit on every call of an agent): a reference takes about 3 bytes where the text
/// took some 50 on every row.
enum JSONColumn {
    /// JSON text, as rows written before kept it.
    case text(String)
    /// A payload column (see PayloadColumn) referencing the value's blob.
    case reference(Data)

    /// The column as SQLite returned it; nil for NULL.
    init?(_ value: DatabaseValue) {
        switch value.storage {
        case .blob(let data): self = .reference(data)
        case .string(let text): self = .text(text)
        default: return nil
        }
    }

    /// Column `index` of the row `c` is positioned on; nil for NULL.
    init?(_ c: SQLColumns, _ index: Int32) {
        if c.isBlob(index), let data = c.dataOrNil(index) {
            self = .reference(data)
        } else if let text = c.textOrNil(index) {
            self = .text(text)
        } else {
            return nil
        }
    }

    /// The value to bind.
    var sqlValue: SQLValue {
        switch self {
        case .text(let text): .text(text)
        case .reference(let data): .blob(data)
        }
    }

    /// The payload column of a reference; nil for text.
    var reference: Data? {
        if case .reference(let data) = self { data } else { nil }
    }

    /// The JSON value the column holds.
    func value(blobs: inout BlobReader) throws -> JSONValue? {
        switch self {
        case .text(let text): WriteTransaction.decodeJSON(text)
        case .reference(let data):
            if case .json(let value)? = try blobs.payload(data) { value } else { nil }
        }
    }
}
