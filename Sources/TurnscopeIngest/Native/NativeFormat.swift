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
            value = try JSONText.parse(Data(line.utf8))
        } catch {
            throw FieldError(path: "", reason: error.description)
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
        case let type:
            throw FieldError(path: "type", reason: "unknown record type \"\(type)\" (trace, observation, score)")
        }
    }

    /// Decodes a whole JSON Lines document. Each non-blank line gives its 1-based line number and
    /// either its record or the reason it was refused; one bad line never hides the good ones.
    public static func decode(lines text: String) -> [(line: Int, result: Result<Record, FieldError>)] {
        var results: [(line: Int, result: Result<Record, FieldError>)] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                results.append((number, .success(try decode(line: line))))
            } catch {
                results.append((number, .failure(error)))
            }
        }
        return results
    }

    /// The native JSON of a record.
    public static func json(_ record: Record) -> JSONValue {
        switch record {
        case .trace(let trace): trace.nativeJSON
        case .observation(let observation): observation.nativeJSON
        case .score(let score): score.nativeJSON
        }
    }

    /// One line of native JSON Lines (without the newline), keys sorted.
    public static func line(_ record: Record) -> String {
        JSONText.string(json(record))
    }
}
