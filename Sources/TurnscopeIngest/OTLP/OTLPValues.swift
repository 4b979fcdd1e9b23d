import Foundation
import TurnscopeModel

/// Small conversions the span mapping needs, each following what Langfuse's OTel ingestion does so
/// that a span reads the same here as after the mirror forwards it.
enum OTLPValues {
    /// A double as JSON; JSON has no NaN or infinity, so those become the strings OTLP/JSON uses.
    static func number(_ value: Double) -> JSONValue {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return .number(value)
    }

    /// A scalar attribute as text (an integer session id reads as "42"); nil for empty text,
    /// null, arrays and objects.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text.isEmpty ? nil : text
        case .integer(let integer)?: String(integer)
        case .number(let number)?: String(number)
        case .bool(let bool)?: String(bool)
        default: nil
        }
    }

    /// An integer attribute: `intValue`, a whole `doubleValue`, or a decimal string.
    static func integer(_ value: JSONValue?) -> Int64? {
        if let integer = value?.integerValue { return integer }
        if let text = value?.stringValue { return Int64(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    /// A numeric attribute: a number, or a decimal string.
    static func double(_ value: JSONValue?) -> Double? {
        if let number = value?.doubleValue { return number }
        if let text = value?.stringValue { return Double(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    /// `true` or `"true"` (any case), as Langfuse reads `langfuse.trace.public` and `as_root`.
    static func bool(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let bool)?: bool
        case .string(let text)?: Bool(text.lowercased())
        default: nil
        }
    }

    /// The value a JSON-text attribute holds: Langfuse SDKs send inputs, outputs, model parameters
    /// and usage as JSON strings, and SDK v5 JSON-encodes every metadata value (`"v"` arrives as
    /// `"\"v\""`). Text that does not parse stays text, so v3's raw strings survive unchanged.
    static func decoded(_ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value, let first = text.utf8.first(where: { !isSpace($0) }) else { return value }
        // Only text that can start a JSON value is worth a parse attempt; most plain text fails here.
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return (try? JSONText.parse(text)) ?? value
        default:
            return value
        }
    }

    /// An object attribute: a kvlist, or JSON text holding an object.
    static func object(_ value: JSONValue?) -> [String: JSONValue]? {
        guard let value else { return nil }
        return decoded(value).objectValue
    }

    /// Tags as Langfuse accepts them: a string array, a JSON-array string, a comma-separated string
    /// or a single string.
    static func tags(_ value: JSONValue?) -> [String]? {
        switch value {
        case .array(let elements)?:
            let tags = elements.compactMap { text($0) }
            return tags.isEmpty ? nil : tags
        case .string(let text)?:
            if case .array = decoded(.string(text)) { return tags(decoded(.string(text))) }
            let tags = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return tags.isEmpty ? nil : tags
        default:
            return nil
        }
    }

    /// `langfuse.observation.level`, case-insensitive, with the aliases Langfuse accepts; nil for
    /// anything else.
    static func level(_ value: JSONValue?) -> Level? {
        switch text(value)?.uppercased() {
        case "DEBUG", "TRACE", "VERBOSE": .debug
        case "DEFAULT", "INFO", "LOG", "NOTICE", "OK", "SUCCESS": .default
        case "WARNING", "WARN": .warning
        case "ERROR", "FATAL", "CRITICAL": .error
        default: nil
        }
    }

    /// A timestamp from Unix nanoseconds, nil for 0 (unset).
    static func timestamp(nanos: UInt64) -> Timestamp? {
        nanos == 0 ? nil : Timestamp(microseconds: Int64(clamping: nanos / 1_000))
    }

    /// An ISO-8601 timestamp, bare or JSON-quoted (`"\"2026-…Z\""`, as Python SDKs send
    /// `completion_start_time`).
    static func timestamp(_ value: JSONValue?) -> Timestamp? {
        guard case .string(var text)? = value else { return nil }
        if text.hasPrefix("\""), case .string(let unquoted) = decoded(.string(text)) { text = unquoted }
        return Timestamp(iso8601: text)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
