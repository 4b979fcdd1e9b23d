import Foundation

/// How a blob's content is kept in the `blobs` table: the `kind` column says what it is
/// (a message or a JSON value), whether the `body` is deflated, and with which preset dictionary.
enum BlobBody {
    enum Kind: Int64 {
        case message = 1
        case json = 2
    }

    private static let deflated: Int64 = 16
    /// Deflated with `ContentDictionary.first` (always with `deflated`).
    private static let withFirstDictionary: Int64 = 32

    /// The compressor `encode` expects: primed with the dictionary it records.
    static func deflater() -> Deflater { Deflater(dictionary: ContentDictionary.first) }

    /// The column values for content of a kind, compressed by a `deflater()`.
    static func encode(_ kind: Kind, _ bytes: [UInt8], with deflater: Deflater) -> (kind: Int64, body: Data) {
        if let compressed = deflater.compress(bytes) {
            return (kind.rawValue | deflated | withFirstDictionary, Data(compressed))
        }
        return (kind.rawValue, Data(bytes))
    }

    /// The kind and original bytes from the column values, nil when they are damaged.
    static func decode(kind column: Int64, body: Data) -> (kind: Kind, bytes: Data)? {
        guard let kind = Kind(rawValue: column & ~(deflated | withFirstDictionary)) else { return nil }
        if column & deflated == 0 { return (kind, body) }
        let dictionary = column & withFirstDictionary == 0 ? nil : ContentDictionary.first
        return Inflate.decompress(body, dictionary: dictionary).map { (kind, $0) }
    }
}
