import Foundation

/// Trace and span ids as Turnscope keeps them: lowercase hex, 32 digits for a trace, 16 for a span,
/// exactly as Langfuse shows them and as OTLP/JSON sends them.
///
/// Protobuf carries raw bytes. OTLP/JSON carries hex (case-insensitive), although protobuf's own
/// JSON mapping would use base64; some hand-rolled exporters do send base64 (Langfuse pitfall P11),
/// so a JSON id that is not hex but is base64 of the right length is accepted too.
enum OTLPIdentifier {
    /// What an id field held.
    enum Outcome: Equatable {
        /// Absent or empty.
        case absent
        /// All zero bytes: W3C's "invalid" id, which some exporters send for "no parent".
        case zero
        /// A valid id, as lowercase hex.
        case id(String)
        /// Something else; the reason names the field and what was wrong.
        case malformed(String)
    }

    /// Reads a protobuf `bytes` id of `byteCount` bytes.
    static func read(bytes: Data, field: String, byteCount: Int) -> Outcome {
        if bytes.isEmpty { return .absent }
        guard bytes.count == byteCount else {
            return .malformed("\(field) has \(bytes.count) bytes, expected \(byteCount)")
        }
        return bytes.allSatisfy { $0 == 0 } ? .zero : .id(hex(bytes))
    }

    /// Reads an OTLP/JSON id: hex (any case), else base64, of `byteCount` bytes.
    static func read(text: String, field: String, byteCount: Int) -> Outcome {
        if text.isEmpty { return .absent }
        let utf8 = Array(text.utf8)
        if utf8.count == byteCount * 2, let bytes = bytes(fromHex: utf8) {
            return bytes.allSatisfy { $0 == 0 } ? .zero : .id(hex(bytes))
        }
        if let decoded = Data(base64Encoded: text), decoded.count == byteCount {
            return read(bytes: decoded, field: field, byteCount: byteCount)
        }
        return .malformed("\(field) is not \(byteCount * 2) hex digits: \"\(text.prefix(64))\"")
    }

    /// Lowercase hex of some bytes.
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func bytes(fromHex text: [UInt8]) -> [UInt8]? {
        func nibble(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = 0
        while index + 1 < text.count {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

extension OTLPIdentifier {
    /// The three ids of a span, validated.
    struct SpanIds: Sendable {
        var traceId: String
        var spanId: String
        var parentId: String?
    }

    /// The ids of a span, or nil after appending why the span is refused to `rejections`.
    ///
    /// A trace id and a span id are required and must not be zero (OTLP: such a span is invalid);
    /// a parent id may be absent or zero (a root span) but not malformed, since a wrong parent
    /// would hang the span under nothing or under the wrong turn.
    static func spanIds(
        trace: Outcome, span: Outcome, parent: Outcome, spanName: String, rejections: inout [String]
    ) -> SpanIds? {
        let label: String
        if case .id(let id) = span { label = "span \(id)" } else { label = "span \"\(spanName.prefix(80))\"" }
        func reason(_ outcome: Outcome, _ field: String, required: Bool) -> String? {
            switch outcome {
            case .id: nil
            case .absent: required ? "\(field) is missing" : nil
            case .zero: required ? "\(field) is all zeros" : nil
            case .malformed(let why): why
            }
        }
        let reasons = [
            reason(trace, "traceId", required: true), reason(span, "spanId", required: true),
            reason(parent, "parentSpanId", required: false),
        ].compactMap { $0 }
        guard reasons.isEmpty, case .id(let traceId) = trace, case .id(let spanId) = span else {
            rejections.append("\(label): " + reasons.joined(separator: ", "))
            return nil
        }
        if case .id(let parentId) = parent { return SpanIds(traceId: traceId, spanId: spanId, parentId: parentId) }
        return SpanIds(traceId: traceId, spanId: spanId, parentId: nil)
    }
}
