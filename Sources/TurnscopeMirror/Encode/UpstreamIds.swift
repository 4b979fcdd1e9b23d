/// The ids records have upstream. OTLP wants 32 lowercase hex digits for a trace and 16 for a span;
/// ids already in that form are kept, a UUID keeps its digits, and anything else is hashed.
///
/// The mapping must never change: a record mapped differently would appear twice upstream. Tests
/// pin it to fixed values.
public enum UpstreamIds {
    /// The trace id upstream: 32 lowercase hex digits.
    public static func trace(_ id: String) -> String {
        let lowered = id.lowercased()
        if isHex(lowered, count: 32) { return lowered }
        let digits = lowered.replacingOccurrences(of: "-", with: "")
        if lowered.count == 36, isHex(digits, count: 32) { return digits }
        return hex(hash128("trace\u{0}" + id))
    }

    /// The observation (span) id upstream: 16 lowercase hex digits.
    public static func span(_ id: String) -> String {
        let lowered = id.lowercased()
        if isHex(lowered, count: 16) { return lowered }
        return hex([hash128("span\u{0}" + id).0])
    }

    /// A batch-ingestion event id: the same record at the same revision always gets the same id,
    /// so a retried batch is deduplicated upstream, and a newer revision a new one, as Langfuse
    /// wants for updates.
    public static func event(_ recordId: String, kind: String, revision: Int64) -> String {
        hex(hash128("event\u{0}\(kind)\u{0}\(recordId)\u{0}\(revision)"))
    }

    static func isHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Two 64-bit FNV-1a lanes with different offsets, each finished with a SplitMix64 mix.
    static func hash128(_ text: String) -> (UInt64, UInt64) {
        var a: UInt64 = 0xCBF2_9CE4_8422_2325
        var b: UInt64 = 0x6C62_272E_07BB_0142
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = b &+ (a >> 29)
        }
        return (mix(a), mix(b ^ 0x9E37_79B9_7F4A_7C15))
    }

    static func hex(_ pair: (UInt64, UInt64)) -> String { hex([pair.0, pair.1]) }

    static func hex(_ words: [UInt64]) -> String {
        words.map { word in
            let text = String(word, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
