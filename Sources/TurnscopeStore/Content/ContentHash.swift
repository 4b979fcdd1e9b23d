/// A 128-bit fingerprint of a piece of content: the key under which the store keeps it once.
///
/// It is not a cryptographic hash: content arrives from the user's own agents, not from an
/// adversary, and a multiply-mix hash is several times faster than SHA-256 on the history an agent
/// resends every turn. 128 bits keep accidental collisions out of reach (about 1 in 10^20 at a
/// billion distinct messages).
struct ContentHash: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    /// All 16 bytes: the `blobs.hash` of content stored before keys were shortened, or whose
    /// short key another blob already holds.
    var bytes: [UInt8] {
        withUnsafeBytes(of: high.bigEndian) { Array($0) } + withUnsafeBytes(of: low.bigEndian) { Array($0) }
    }

    /// The first 8 bytes: the `blobs.hash` of content stored now. Half the key costs a chance of
    /// a shared key (one in ten thousand at a hundred million blobs), which the writer settles by
    /// comparing content (`BlobWriter`), and saves 16 bytes a blob between the row and its index.
    var key: [UInt8] {
        withUnsafeBytes(of: high.bigEndian) { Array($0) }
    }
}

/// Builds a `ContentHash` from a sequence of fields.
///
/// Each field is length-prefixed before it is mixed in, so `("ab", "c")` and `("a", "bc")` differ.
struct ContentHasher {
    private var a: UInt64 = 0x243F_6A88_85A3_08D3
    private var b: UInt64 = 0x1319_8A2E_0370_7344
    private var count: UInt64 = 0

    private static let p0: UInt64 = 0xA076_1D64_78BD_642F
    private static let p1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let p2: UInt64 = 0x8EBC_6AF0_9C88_C6E3
    private static let p3: UInt64 = 0x5899_65CC_7537_4CC3

    @inline(__always)
    private static func mix(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let product = x.multipliedFullWidth(by: y)
        return product.high ^ product.low
    }

    /// Mixes in a small integer (a tag or a length).
    @inline(__always)
    mutating func combine(_ value: UInt64) {
        a = Self.mix(a ^ value ^ Self.p0, b ^ Self.p1)
        b = Self.mix(b ^ value ^ Self.p2, a ^ Self.p3)
        count &+= 1
    }

    /// Mixes in a string's UTF-8 bytes, prefixed by their length.
    mutating func combine(_ string: String) {
        var copy = string
        copy.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Mixes in raw bytes, prefixed by their length.
    mutating func combine(bytes: UnsafeRawBufferPointer) {
        combine(UInt64(bytes.count))
        var x = a
        var y = b
        var offset = 0
        let length = bytes.count
        while offset + 16 <= length {
            let first = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let second = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            x = Self.mix(first ^ Self.p1 ^ x, second ^ Self.p0 ^ y)
            y = Self.mix(second ^ Self.p3 ^ y, first ^ Self.p2 ^ x)
            offset += 16
        }
        var tail0: UInt64 = 0
        var tail1: UInt64 = 0
        var shift: UInt64 = 0
        while offset < length {
            let byte = UInt64(bytes[offset])
            if shift < 64 { tail0 |= byte << shift } else { tail1 |= byte << (shift - 64) }
            shift += 8
            offset += 1
        }
        a = Self.mix(x ^ tail0 ^ Self.p2, y ^ tail1 ^ Self.p1)
        b = Self.mix(y ^ tail1 ^ Self.p0, a ^ tail0 ^ Self.p3)
    }

    /// The fingerprint of everything combined so far.
    func finalize() -> ContentHash {
        let high = Self.mix(a ^ count ^ Self.p0, b ^ Self.p1)
        let low = Self.mix(b ^ Self.p2, high ^ a ^ Self.p3)
        return ContentHash(high: high, low: low)
    }
}
