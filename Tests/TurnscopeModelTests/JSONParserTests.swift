import Foundation
import Testing

@testable import TurnscopeModel

/// The strict JSON parser: every value kind, the RFC 8259 edge cases, error messages with their
/// positions, hostile input, and a seeded round trip through `JSONWriter`.
@Suite struct JSONParserTests {
    // MARK: - Values

    @Test func parsesEveryValueKind() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse("42") == .integer(42))
        #expect(try JSONParser.parse("-7") == .integer(-7))
        #expect(try JSONParser.parse("0") == .integer(0))
        #expect(try JSONParser.parse("2.5") == .number(2.5))
        #expect(try JSONParser.parse("\"hi\"") == .string("hi"))
        #expect(try JSONParser.parse("\"\"") == .string(""))
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object([:]))
        #expect(try JSONParser.parse("[1,\"a\",null,true,{}]") == [1, "a", nil, true, [:]])
        #expect(
            try JSONParser.parse(#"{"a":1,"b":[2.5,false],"c":{"d":null}}"#)
                == ["a": 1, "b": [2.5, false], "c": ["d": nil]])
    }

    @Test func parsesNestedStructures() throws {
        let text = #"{"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},{"role":"assistant","content":[]}],"meta":{"a":{"b":{"c":[[[1]]]}}}}"#
        let expected: JSONValue = [
            "messages": [
                ["role": "user", "content": [["type": "text", "text": "hi"]]],
                ["role": "assistant", "content": []],
            ],
            "meta": ["a": ["b": ["c": [[[1]]]]]],
        ]
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test func acceptsEveryRFCWhitespaceAndNoOther() throws {
        #expect(try JSONParser.parse(" \t\r\n[ 1 ,\n\t2 ] \r\n") == [1, 2])
        #expect(try JSONParser.parse("{ \"a\" : 1 , \"b\"\n:\n2 }") == ["a": 1, "b": 2])
        #expect(try JSONParser.parse("[\r\n]") == [])
        #expect(throws: JSONTextError.self) { try JSONParser.parse("\u{0C}1") }
        #expect(throws: JSONTextError.self) { try JSONParser.parse("\u{A0}1") }
        #expect(throws: JSONTextError.self) { try JSONParser.parse("[1,\u{0B}2]") }
    }

    @Test func duplicateKeysKeepTheLastMember() throws {
        #expect(try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#) == ["a": 3, "b": 2])
        #expect(try JSONParser.parse(#"{"a":{"x":1},"a":[true]}"#) == ["a": [true]])
    }

    @Test func skipsALeadingByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
        // Only at the very start: anywhere else it is a stray character.
        #expect(throws: JSONTextError.self) {
            try JSONParser.parse(Array(" ".utf8) + [0xEF, 0xBB, 0xBF] + Array("1".utf8))
        }
    }

    @Test func everyInputTypeAgrees() throws {
        let text = #"{"k":[1,2.5,"é😀"]}"#
        let fromString = try JSONParser.parse(text)
        #expect(try JSONParser.parse(Array(text.utf8)) == fromString)
        #expect(try JSONParser.parse(Data(text.utf8)) == fromString)
        #expect(try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0) } == fromString)
        #expect(try JSONText.parse(text) == fromString)
        #expect(try JSONText.parse(Data(text.utf8)) == fromString)
    }

    @Test func agreesWithFoundationOnADocument() throws {
        let text = #"{"id":"tr_1","n":[0,-1,9007199254740993,1.5e-3,-2.25E-2],"s":"a\"b\\c\/d\u00e9\n","o":{"x":null,"y":[true,false]}}"#
        // No integral floats here: Foundation reads "1.5e3" as the integer 1500.
        let viaFoundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try JSONParser.parse(text) == viaFoundation)
    }

    // MARK: - Strings

    @Test func decodesEveryEscape() throws {
        #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try JSONParser.parse(#""a\u0041\u00e9\u4E2D\u0000z""#) == .string("aAé中\u{0}z"))
        #expect(try JSONParser.parse(#""plain then \n escaped""#) == .string("plain then \n escaped"))
        #expect(try JSONParser.parse(#""\\\\""#) == .string("\\\\"))
        #expect(
            try JSONParser.parse(#""tab\tin a run long enough to cross several eight-byte words\u0021""#)
                == .string("tab\tin a run long enough to cross several eight-byte words!"))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\ud83d\ude00 x""#) == .string("😀 x"))
        #expect(try JSONParser.parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONParser.parse(#""\uD800""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\uDC00""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\uD800x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\uD800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse(#""\uD83D\uD83D\uDE00""#) == .string("\u{FFFD}😀"))
        #expect(try JSONParser.parse(#""\uDE00\uD83D""#) == .string("\u{FFFD}\u{FFFD}"))
        #expect(try JSONParser.parse(#""\uD800\n""#) == .string("\u{FFFD}\n"))
    }

    @Test func keepsUnicodeExactly() throws {
        for text in ["日本語のテキスト", "😀👍🏽👨‍👩‍👧", "e\u{301}", "\u{E9}", "mixed ascii 中文 and emoji 🎉 end"] {
            let parsed = try JSONParser.parse(Data(("\"" + text + "\"").utf8))
            // Compare scalars: String's == would equate "e\u{301}" with "é".
            #expect(parsed.stringValue.map { Array($0.unicodeScalars) } == Array(text.unicodeScalars))
        }
        #expect(try JSONParser.parse(#"{"ключ":"значение"}"#) == ["ключ": "значение"])
    }

    @Test func specialBytesAtEveryOffsetOfAWord() throws {
        // The string scanner works eight bytes at a time; put each kind of byte that ends a plain
        // run at every offset around word boundaries, with and without non-ASCII before it.
        for prefixLength in 0..<20 {
            for lead in ["", "é", "😀"] {
                let prefix = lead + String(repeating: "x", count: prefixLength)
                for (escaped, decoded) in [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u00e9"#, "é"), ("", "")] {
                    let text = "[\"" + prefix + escaped + "tail 12345678\",1]"
                    #expect(try JSONParser.parse(text) == [.string(prefix + decoded + "tail 12345678"), 1], "\(text)")
                }
                // Invalid UTF-8 is caught whether or not an escape or the closing quote is near.
                for suffix in ["\"", "\\n\"", "abcdefghij\""] {
                    let bytes = Array(("\"" + prefix).utf8) + [0xFF] + Array(suffix.utf8)
                    let error = try #require(throws: JSONTextError.self) { try JSONParser.parse(bytes) }
                    #expect(error.offset == 1 + prefix.utf8.count)
                }
                let control = Array(("\"" + prefix).utf8) + [0x01] + Array("zzzzzzzz\"".utf8)
                #expect(throws: JSONTextError.self) { try JSONParser.parse(control) }
            }
        }
    }

    // MARK: - Numbers

    @Test func integersThatFitStayIntegers() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .integer(.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .integer(.min))
        #expect(try JSONParser.parse("9007199254740993") == .integer(9_007_199_254_740_993))
        #expect(try JSONParser.parse("-0") == .integer(0))
    }

    @Test func integersBeyondInt64BecomeNumbers() throws {
        #expect(try JSONParser.parse("9223372036854775808") == .number(9_223_372_036_854_775_808.0))
        #expect(try JSONParser.parse("-9223372036854775809") == .number(-9_223_372_036_854_775_809.0))
        #expect(try JSONParser.parse("18446744073709551616") == .number(18_446_744_073_709_551_616.0))
        #expect(try JSONParser.parse("123456789012345678901234567890") == .number(1.2345678901234568e29))
    }

    @Test(arguments: [
        "1e-06", "0.1", "1.142857142857143e-06", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "1.7976931348623157e308", "5e-324", "4.9406564584124654e-324", "0.30000000000000004", "123.456",
        "9007199254740993.0", "1E2", "1e+2", "-1.5e-10", "3.141592653589793", "1.0", "6.02214076e23",
    ])
    func fractionsAndExponentsRoundCorrectly(text: String) throws {
        let parsed = try JSONParser.parse(text)
        let expected = try #require(Double(text))
        #expect(parsed == .number(expected))
        #expect(parsed.doubleValue?.bitPattern == expected.bitPattern)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let parsed = try JSONParser.parse("-0.0")
        #expect(parsed.doubleValue?.sign == .minus)
        #expect(try JSONParser.parse("-0e0").doubleValue?.sign == .minus)
    }

    @Test func underflowIsZeroButOverflowIsAnError() throws {
        #expect(try JSONParser.parse("1e-400") == .number(0))
        let tooLarge = JSONTextError(reason: "number 1e400 is too large for a 64-bit float", offset: 1, line: 1, column: 2)
        #expect(throws: tooLarge) {
            try JSONParser.parse("[1e400]")
        }
        let huge = "1" + String(repeating: "0", count: 400)
        #expect(
            message(huge)
                == "malformed JSON at line 1, column 1: number 100000000000000000000000… is too large for a 64-bit float")
        // Very long numbers that do fit are read exactly all the same.
        #expect(try JSONParser.parse("0." + String(repeating: "0", count: 10_000) + "1") == .number(0))
        let long = "1" + String(repeating: "7", count: 10_000) + ".5e-10000"
        #expect(try JSONParser.parse(long) == .number(1.7777777777777777))
    }

    // MARK: - Errors, with messages and positions

    /// The message for `text`, or nil when it parses.
    private func message(_ text: String) -> String? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    private func message(_ bytes: [UInt8]) -> String? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func reportsLineAndColumn() throws {
        let text = "{\n  \"a\": 1,\n  \"bb\": [1, 2]  \"c\": 3\n}"
        #expect(message(text) == "malformed JSON at line 3, column 17: expected ',' or '}' after an object member")
        let error = try #require(throws: JSONTextError.self) { try JSONParser.parse(text) }
        #expect(error.line == 3)
        #expect(error.column == 17)
        #expect(error.offset == 28)
        #expect(Array(text.utf8)[error.offset] == UInt8(ascii: "\""))
        // Columns count characters, not bytes.
        #expect(
            message("[\"é😀\" 1]")
                == "malformed JSON at line 1, column 7: expected ',' or ']' after an array element")
    }

    @Test func reportsEndOfInput() {
        #expect(message("") == "malformed JSON at line 1, column 1: unexpected end of input: expected a value")
        #expect(message(" \n ") == "malformed JSON at line 2, column 2: unexpected end of input: expected a value")
        #expect(message("[1,") == "malformed JSON at line 1, column 4: unexpected end of input: expected a value")
        #expect(
            message("[1")
                == "malformed JSON at line 1, column 3: unexpected end of input: expected ',' or ']' after an array element")
        #expect(
            message("{")
                == "malformed JSON at line 1, column 2: unexpected end of input: expected a string key for an object member")
        #expect(
            message("{\"a\"")
                == "malformed JSON at line 1, column 5: unexpected end of input: expected ':' after an object key")
        #expect(message("{\"a\":") == "malformed JSON at line 1, column 6: unexpected end of input: expected a value")
        #expect(
            message("{\"a\":1")
                == "malformed JSON at line 1, column 7: unexpected end of input: expected ',' or '}' after an object member")
        #expect(message("\"abc") == "malformed JSON at line 1, column 1: unterminated string: unexpected end of input")
        #expect(message("[\"a\\") == "malformed JSON at line 1, column 2: unterminated string: unexpected end of input")
        #expect(
            message("\"\\u12")
                == "malformed JSON at line 1, column 1: unterminated string: unexpected end of input")
        #expect(message("-") == "malformed JSON at line 1, column 2: unexpected end of input in a number")
        #expect(message("1.") == "malformed JSON at line 1, column 3: unexpected end of input in a number")
        #expect(message("1e+") == "malformed JSON at line 1, column 4: unexpected end of input in a number")
        #expect(message("tru") == "malformed JSON at line 1, column 4: unexpected end of input in the literal 'true'")
    }

    @Test func rejectsTrailingCommas() {
        #expect(message("[1,2,]") == "malformed JSON at line 1, column 6: trailing comma before ']'")
        #expect(message("[1, \n ]") == "malformed JSON at line 2, column 2: trailing comma before ']'")
        #expect(message("{\"a\":1,}") == "malformed JSON at line 1, column 8: trailing comma before '}'")
        #expect(message("[,]") == "malformed JSON at line 1, column 2: expected a value, found ','")
        #expect(message("[1,,2]") == "malformed JSON at line 1, column 4: expected a value, found ','")
    }

    @Test func rejectsMalformedNumbers() {
        #expect(message("01") == "malformed JSON at line 1, column 1: leading zeros are not allowed in numbers")
        #expect(message("[-012]") == "malformed JSON at line 1, column 2: leading zeros are not allowed in numbers")
        #expect(message("-a") == "malformed JSON at line 1, column 2: expected a digit after '-', found 'a'")
        #expect(
            message("1.e5")
                == "malformed JSON at line 1, column 3: expected a digit after the decimal point, found 'e'")
        #expect(
            message("1e+x")
                == "malformed JSON at line 1, column 4: expected a digit after the exponent marker, found 'x'")
        #expect(message(".5") == "malformed JSON at line 1, column 1: expected a value, found '.'")
        #expect(message("+1") == "malformed JSON at line 1, column 1: expected a value, found '+'")
        #expect(message("NaN") == "malformed JSON at line 1, column 1: expected a value, found 'N'")
        #expect(message("Infinity") == "malformed JSON at line 1, column 1: expected a value, found 'I'")
        #expect(message("0x10") == "malformed JSON at line 1, column 2: unexpected 'x' after the JSON document")
        #expect(message("1.5.2") == "malformed JSON at line 1, column 4: unexpected '.' after the JSON document")
    }

    @Test func rejectsMalformedStrings() {
        #expect(
            message("\"a\nb\"")
                == "malformed JSON at line 1, column 3: unescaped control character U+000A in a string")
        #expect(
            message("\"a\tb\"")
                == "malformed JSON at line 1, column 3: unescaped control character U+0009 in a string")
        #expect(
            message("\"\\n\u{1F}\"")
                == "malformed JSON at line 1, column 4: unescaped control character U+001F in a string")
        #expect(message(#""\q""#) == #"malformed JSON at line 1, column 2: invalid escape '\q' in a string"#)
        #expect(message(#"["ok", "x\'y"]"#) == #"malformed JSON at line 1, column 10: invalid escape '\'' in a string"#)
        #expect(
            message("\"\\\u{1}\"")
                == "malformed JSON at line 1, column 2: invalid escape '\\' followed by control character U+0001 in a string")
        #expect(
            message(#""\u12G4""#)
                == #"malformed JSON at line 1, column 2: invalid \u escape: expected four hex digits"#)
        #expect(message(#""\x41""#) == #"malformed JSON at line 1, column 2: invalid escape '\x' in a string"#)
        #expect(message("'single'") == "malformed JSON at line 1, column 1: expected a value, found '''")
    }

    @Test func rejectsInvalidUTF8WithItsOffset() throws {
        #expect(
            message([0x22, 0x61, 0xFF, 0x22])
                == "malformed JSON at line 1, column 3: invalid UTF-8 in a string (byte 0xFF)")
        #expect(
            message(Array("\"ab\\n".utf8) + [0xC3, 0x28, 0x22])
                == "malformed JSON at line 1, column 6: invalid UTF-8 in a string (byte 0xC3)")
        // Overlong "/", an encoded surrogate, past U+10FFFF, and a truncated sequence.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8]] {
            let error = try #require(throws: JSONTextError.self) { try JSONParser.parse([0x22, 0x41] + bad + [0x22]) }
            #expect(error.offset == 2)
            #expect(error.reason.hasPrefix("invalid UTF-8 in a string"))
        }
        #expect(
            message([0xFF])
                == "malformed JSON at line 1, column 1: expected a value, found invalid UTF-8 byte 0xFF")
        #expect(
            message(Array("[1]".utf8) + [0x80])
                == "malformed JSON at line 1, column 4: unexpected invalid UTF-8 byte 0x80 after the JSON document")
        #expect(message("é") == "malformed JSON at line 1, column 1: expected a value, found 'é' (U+00E9)")
    }

    @Test func rejectsMalformedObjects() {
        #expect(
            message("{a:1}")
                == "malformed JSON at line 1, column 2: expected a string key for an object member, found 'a'")
        #expect(
            message("{1:1}")
                == "malformed JSON at line 1, column 2: expected a string key for an object member, found '1'")
        #expect(
            message("{\"a\" 1}")
                == "malformed JSON at line 1, column 6: expected ':' after an object key, found '1'")
        #expect(
            message("{\"a\":1 \"b\":2}")
                == "malformed JSON at line 1, column 8: expected ',' or '}' after an object member")
        #expect(
            message("{\"a\":1]")
                == "malformed JSON at line 1, column 7: expected ',' or '}' after an object member")
        #expect(message("[1 2]") == "malformed JSON at line 1, column 4: expected ',' or ']' after an array element")
        #expect(message("[1}") == "malformed JSON at line 1, column 3: expected ',' or ']' after an array element")
    }

    @Test func rejectsBadLiterals() {
        #expect(message("trux") == "malformed JSON at line 1, column 1: invalid literal: expected 'true'")
        #expect(message("[nul]") == "malformed JSON at line 1, column 2: invalid literal: expected 'null'")
        #expect(message("True") == "malformed JSON at line 1, column 1: expected a value, found 'T'")
        #expect(message("falsey") == "malformed JSON at line 1, column 6: unexpected 'y' after the JSON document")
    }

    @Test func rejectsTrailingGarbage() {
        #expect(message("{} x") == "malformed JSON at line 1, column 4: unexpected 'x' after the JSON document")
        #expect(message("1 2") == "malformed JSON at line 1, column 3: unexpected '2' after the JSON document")
        #expect(message("[1]]") == "malformed JSON at line 1, column 4: unexpected ']' after the JSON document")
        #expect(
            message("{\"a\":1}\n{\"b\":2}")
                == "malformed JSON at line 2, column 1: unexpected '{' after the JSON document")
        #expect(
            message("null\u{0}")
                == "malformed JSON at line 1, column 5: unexpected control character U+0000 after the JSON document")
        #expect(message("[] ") == nil)
    }

    // MARK: - Hostile input

    @Test func nestingUpToTheLimitParses() throws {
        let depth = JSONParser.defaultMaximumDepth
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try JSONParser.parse(arrays) != .null)
        let objects = String(repeating: "{\"a\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        #expect(try JSONParser.parse(objects) != .null)
    }

    @Test func nestingPastTheLimitIsAnError() throws {
        let depth = JSONParser.defaultMaximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(
            message(text)
                == "malformed JSON at line 1, column 513: arrays and objects nest more than 512 levels deep")
        #expect(throws: JSONTextError.self) { try JSONParser.parse("[[[1]]]", maximumDepth: 2) }
        #expect(try JSONParser.parse("[[1]]", maximumDepth: 2) == [[1]])
    }

    @Test func depthBombsDoNotCrash() {
        let bombs = [
            String(repeating: "[", count: 100_000),
            String(repeating: "{\"a\":", count: 100_000),
            String(repeating: "[{\"k\":", count: 50_000),
            String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        ]
        for bomb in bombs {
            let error = #expect(throws: JSONTextError.self) { try JSONParser.parse(bomb) }
            #expect(error?.reason == "arrays and objects nest more than 512 levels deep")
        }
    }

    @Test func truncatedDocumentsAlwaysFailCleanly() throws {
        let text = #"{"a":[1,-2.5e3,"x\u00e9\ud83d\ude00\n",true,null,{"b":false}],"c":"end"}"#
        let bytes = Array(text.utf8)
        #expect(try JSONParser.parse(bytes) != .null)
        for length in 0..<bytes.count {
            #expect(throws: JSONTextError.self) { try JSONParser.parse(Array(bytes[..<length])) }
        }
    }

    // MARK: - Round trip

    @Test func roundTripsGeneratedValues() throws {
        var generator = ValueGenerator(seed: 0x7475_726E_7363_6F70)
        for _ in 0..<400 {
            let value = generator.value(depth: 4)
            let bytes = value.jsonBytes
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == value, "\(String(decoding: bytes, as: UTF8.self))")
            // Equal `JSONValue`s can still differ in normalization; the bytes must not.
            #expect(parsed.jsonBytes == bytes)
        }
    }
}

/// A small seeded generator of `JSONValue`s that `JSONWriter` writes back exactly. It avoids
/// integral doubles below 1e15, which the writer prints as integers.
private struct ValueGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: tiny, fast, and good enough to vary test input reproducibly.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func value(depth: Int) -> JSONValue {
        switch below(depth > 0 ? 8 : 5) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .integer(integer())
        case 3: return .number(number())
        case 4: return .string(string())
        case 5, 6:
            return .array((0..<below(6)).map { _ in value(depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<below(6) { members[string()] = value(depth: depth - 1) }
            return .object(members)
        }
    }

    private mutating func integer() -> Int64 {
        switch below(4) {
        case 0: [Int64.max, .min, 0, -1, 1 << 53 + 1][below(5)]
        case 1: Int64(bitPattern: next())
        default: Int64(below(2_000_001)) - 1_000_000
        }
    }

    private mutating func number() -> Double {
        while true {
            let candidate: Double =
                switch below(3) {
                case 0: Double(bitPattern: next())  // any exponent, any mantissa
                case 1: Double(Int64(below(2_000_001)) - 1_000_000) / [10, 1000, 7, 3e6][below(4)]
                default:
                    [0.1, 1e-06, 1.142857142857143e-06, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e15, -2.5e-300][
                        below(7)]
                }
            if candidate.isFinite, !(candidate.rounded() == candidate && abs(candidate) < 1e15) { return candidate }
        }
    }

    private mutating func string() -> String {
        let pieces = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}", "é", "e\u{301}",
            "中", "日本", "😀", "👍🏽", "\u{FFFD}", "\u{10FFFF}", "hello world", "ключ",
        ]
        return (0..<below(12)).map { _ in pieces[below(pieces.count)] }.joined()
    }
}
