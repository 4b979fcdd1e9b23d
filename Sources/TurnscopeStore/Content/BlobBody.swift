import Foundation

/// How a blob's content is kept in the `blobs` table: the `kind` column says what it is
/// (a message or a JSON value) and whether the `body` is deflated.
enum BlobBody {
    enum Kind: Int64 {
        case message = 1
        case json = 2
    }

    private static let deflated: Int64 = 16

    /// The column values for content of a kind.
    static func encode(_ kind: Kind, _ bytes: [UInt8], with deflater: Deflater) -> (kind: Int64, body: Data) {
        if let compressed = deflater.compress(bytes) { return (kind.rawValue | deflated, Data(compressed)) }
        return (kind.rawValue, Data(bytes))
    }

    /// The kind and original bytes from the column values, nil when they are damaged.
    static func decode(kind column: Int64, body: Data) -> (kind: Kind, bytes: Data)? {
        guard let kind = Kind(rawValue: column & ~deflated) else { return nil }
        if column & deflated == 0 { return (kind, body) }
        return Inflate.decompress(body).map { (kind, $0) }
    }
}
