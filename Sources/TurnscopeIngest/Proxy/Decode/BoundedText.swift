/// Text from bytes of unknown size and content, cut to a size a record can carry.
///
/// A status message or an unreadable body kept as text must stay small whatever the upstream
/// sent (an error page, 50 MB of garbage): the bytes are cut at a character boundary, and the
/// cut says how much there was.
enum BoundedText {
    /// How much of an error body a status message keeps.
    static let statusLimit = 4_096
    /// How much of an unreadable request or response body a record keeps.
    static let bodyLimit = 65_536

    /// The bytes as UTF-8 text (invalid bytes become U+FFFD), at most `limit` bytes of them, with
    /// "… (N bytes in all)" when they were cut.
    static func text(_ bytes: some Collection<UInt8>, limit: Int) -> String {
        guard bytes.count > limit else { return String(decoding: bytes, as: UTF8.self) }
        var end = bytes.index(bytes.startIndex, offsetBy: limit)
        // Back off to the start of a character, so the cut does not leave a broken one behind.
        var steps = 0
        while end > bytes.startIndex, steps < 3, bytes[end] & 0xC0 == 0x80 {
            end = bytes.index(end, offsetBy: -1)
            steps += 1
        }
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self) + "… (\(bytes.count) bytes in all)"
    }

    /// A string cut the same way.
    static func text(_ string: String, limit: Int) -> String {
        string.utf8.count > limit ? text(Array(string.utf8), limit: limit) : string
    }
}
