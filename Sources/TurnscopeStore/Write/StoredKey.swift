import Foundation
import GRDB

/// Observation keys as the `key` and `parent_key` columns hold them: a key of lowercase hex digits
/// (an OpenTelemetry span id, 16 of them) as the bytes they spell, any other key as its text.
///
/// A span id as text took 17 bytes in its row, 17 more in its parent's children, and 17 more in the
/// key's index; as bytes it takes 9. Lowercase hex turns back into the same text, so every key
/// reads back exactly as sent; the store alone sees the difference, at the edge of each
/// statement: `argument`/`value` when binding, `key(_:)` when reading.
enum StoredKey {
    /// The value bound for `key` through GRDB's arguments.
    static func argument(_ key: String) -> any DatabaseValueConvertible {
        bytes(of: key).map { Data($0) } ?? key
    }

    /// The value bound for `key` by the writer's statements.
    static func value(_ key: String) -> SQLValue {
        bytes(of: key).map { .blob(Data($0)) } ?? .text(key)
    }

    /// The key a stored column value stands for; nil for NULL.
    static func key(_ stored: DatabaseValue) -> String? {
        switch stored.storage {
        case .blob(let data): hex(data)
        case .string(let text): text
        default: nil
        }
    }

    /// The key column `index` of the row `c` is positioned on holds; nil for NULL.
    static func key(_ c: SQLColumns, _ index: Int32) -> String? {
        c.isBlob(index) ? c.dataOrNil(index).map(hex) : c.textOrNil(index)
    }

    /// The bytes an even number (2 to 64) of lowercase hex digits spell; nil for any other text.
    static func bytes(of key: String) -> [UInt8]? {
        let utf8 = key.utf8
        guard utf8.count >= 2, utf8.count <= 64, utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8?
        for character in utf8 {
            let digit: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = character - UInt8(ascii: "a") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return bytes
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Lowercase hex of `data`.
    static func hex(_ data: Data) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(data.count * 2)
        for byte in data {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
