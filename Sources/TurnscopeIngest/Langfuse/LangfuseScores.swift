import Foundation
import TurnscopeModel

/// The decoder for `POST /api/public/scores`: Python SDK v5 sends a JSON *array* of scores there;
/// older clients and the documented API send one score object (CONTRACT.md §5).
///
/// Each score is checked on its own as a `score-create` body is (see `ScoreRecord.langfuse`),
/// plus an optional `timestamp` in Langfuse's strict form. A score without an id gets one derived
/// from its content, where Langfuse's server would draw a random one: a retried request then
/// updates the same score instead of adding a copy, and the decoder stays pure.
public enum LangfuseScores {
    /// Decodes a request body: one score object or an array of them.
    ///
    /// - Throws: `LangfuseBatchError` when the body is not JSON, or neither an object nor an array.
    public static func decode(_ body: Data) throws(LangfuseBatchError) -> LangfuseScoreBatch {
        try decode(LangfuseBatchError.parse(body))
    }

    /// Decodes a request body already parsed.
    public static func decode(_ value: JSONValue) throws(LangfuseBatchError) -> LangfuseScoreBatch {
        let elements: [JSONValue]
        switch value {
        case .array(let array): elements = array
        case .object: elements = [value]
        default: throw LangfuseBatchError(reason: "expected a score object or an array of scores, got \(value.typeName)")
        }
        var result = LangfuseScoreBatch()
        for (offset, element) in elements.enumerated() {
            var label = "score \(offset + 1)"
            if let id = element["id"]?.stringValue { label += " (\(id.count <= 48 ? id : id.prefix(47) + "…"))" }
            do throws(FieldError) {
                let reader = try FieldReader(element)
                var score = try ScoreRecord.langfuse(reader, timestamp: try reader.timestamp("timestamp"))
                if score.id.isEmpty { score.id = "score-" + contentHash(element) }
                result.records.append(.score(score))
            } catch {
                result.errors.append("\(label): \(error)")
            }
        }
        return result
    }

    /// 64-bit FNV-1a of the value's canonical (key-sorted) JSON, as 16 hex digits: stable across
    /// runs and platforms, unlike `Hasher`, and enough to tell one client's scores apart.
    private static func contentHash(_ value: JSONValue) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in JSONText.data(value) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
