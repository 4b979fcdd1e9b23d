import Foundation
import TurnscopeModel

/// Turnscope's own JSON Lines format: one record per line, able to carry everything the model
/// holds, so `turnscope export | turnscope import -` round-trips without loss.
///
/// The format is specified in docs/native-format.md. Decoding is pure: bytes in, records or a
/// precise error out, with no knowledge of files, HTTP or SQL.
public enum NativeFormat {
    /// Decodes one line (one JSON object) into a record.
    public static func decode(line: some StringProtocol) throws(FieldError) -> Record {
        let value: JSONValue
        do {
            value = try JSONText.parse(String(line))
        } catch {
            // The caller names the line; within it, the column is what helps.
            throw FieldError(path: "", reason: "malformed JSON at column \(error.column): \(error.reason)")
        }
        return try decode(value)
    }

    /// Decodes one record from its JSON value.
    public static func decode(_ value: JSONValue) throws(FieldError) -> Record {
        let reader = try FieldReader(value)
        switch try reader.requiredString("type") {
        case "trace": return .trace(try TraceRecord(native: reader))
        case "observation": return .observation(try ObservationRecord(native: reader))
        case "score": return .score(try ScoreRecord(native: reader))
        case "session": return .session(try SessionRecord(native: reader))
        case let type:
            throw FieldError(path: "type", reason: "unknown record type \"\(type)\" (trace, observation, score, session)")
        }
    }

    /// Decodes a whole JSON Lines document. Each non-blank line gives its 1-based line number and
    /// either its record or the reason it was refused; one bad line never hides the good ones.
    ///
    /// Lines end at each LF byte; one CR before it is dropped, so CRLF files read like LF files.
    /// (Splitting a `String` on `"\n"` would not do: `"\r\n"` is a single `Character`.) Bytes that
    /// are not valid UTF-8 become U+FFFD rather than failing the line.
    public static func decode(lines data: Data) -> [(line: Int, result: Result<Record, FieldError>)] {
        var results: [(line: Int, result: Result<Record, FieldError>)] = []
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var number = 0
            var start = 0
            while start <= bytes.count {
                var newline = bytes.count
                if let base = bytes.baseAddress, start < bytes.count,
                    let hit = memchr(base + start, 0x0A, bytes.count - start)
                {
                    newline = base.distance(to: UnsafeRawPointer(hit))
                }
                var end = newline
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                number += 1
                let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                start = newline + 1
                if line.allSatisfy(\.isWhitespace) { continue }
                results.append((number, Result { () throws(FieldError) in try decode(line: line) }))
            }
        }
        return results
    }

    /// Decodes a whole JSON Lines document held in a string; see `decode(lines:)` for bytes.
    public static func decode(lines text: String) -> [(line: Int, result: Result<Record, FieldError>)] {
        decode(lines: Data(text.utf8))
    }

    /// The native JSON of a record.
    public static func json(_ record: Record) -> JSONValue {
        switch record {
        case .trace(let trace): trace.nativeJSON
        case .observation(let observation): observation.nativeJSON
        case .score(let score): score.nativeJSON
        case .session(let session): session.nativeJSON
        }
    }

    /// One line of native JSON Lines (without the newline), keys sorted.
    public static func line(_ record: Record) -> String {
        JSONText.string(json(record))
    }
}
