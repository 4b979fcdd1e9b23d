import Foundation

/// Reading and writing JSON text with the settings Turnscope uses everywhere: sorted keys, so equal
/// values give equal bytes (exports diff cleanly and content hashes are stable), and no escaped
/// slashes.
public enum JSONText {
    /// Parses one JSON document.
    public static func parse(_ data: Data) throws(JSONTextError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw JSONTextError(describing: error)
        }
    }

    /// Parses one JSON document held in a string.
    public static func parse(_ text: String) throws(JSONTextError) -> JSONValue {
        try parse(Data(text.utf8))
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

/// Why a piece of text is not JSON, in words a person can act on.
public struct JSONTextError: Error, Sendable, CustomStringConvertible {
    /// The reason, for example "unexpected end of input".
    public let description: String

    init(describing error: any Error) {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            description = "malformed JSON: " + (underlying ?? context.debugDescription)
        } else {
            description = "malformed JSON: \(error)"
        }
    }
}
