import Foundation

/// Reading and writing JSON text with the settings Turnscope uses everywhere: sorted keys, so equal
/// values give equal bytes (exports diff cleanly and content hashes are stable), and no escaped
/// slashes.
public enum JSONText {
    /// Parses one JSON document: strict RFC 8259, see `JSONParser` for the details.
    public static func parse(_ data: Data) throws(JSONTextError) -> JSONValue {
        try JSONParser.parse(data)
    }

    /// Parses one JSON document held in a string.
    public static func parse(_ text: String) throws(JSONTextError) -> JSONValue {
        try JSONParser.parse(text)
    }

    /// The compact, key-sorted encoding of a value.
    public static func data(_ value: JSONValue) -> Data {
        Data(value.jsonBytes)
    }

    /// The compact, key-sorted encoding of a value as a string.
    public static func string(_ value: JSONValue) -> String {
        value.jsonString
    }

    /// An indented rendering for people to read.
    public static func pretty(_ value: JSONValue) -> String {
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return String(decoding: (try? pretty.encode(value)) ?? Data(), as: UTF8.self)
    }
}

/// Why a piece of text is not JSON, in words a person can act on, and where.
///
/// For example `malformed JSON at line 3, column 17: expected ',' or '}' after an object member`.
public struct JSONTextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, for example "unexpected end of input: expected a value".
    public let reason: String
    /// Where, as a byte offset from the start of the input, counting from 0.
    public let offset: Int
    /// Where, as a line number counting from 1; lines end at line feeds.
    public let line: Int
    /// Where on the line, counting from 1 in Unicode scalars, so "é" or "😀" is one column.
    public let column: Int

    init(reason: String, offset: Int, line: Int, column: Int) {
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The whole message: "malformed JSON at line L, column C: reason".
    public var description: String { "malformed JSON at line \(line), column \(column): \(reason)" }
}
