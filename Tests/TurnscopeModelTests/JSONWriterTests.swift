import Foundation
import Testing
import TurnscopeModel

/// The JSON writer: escaping, sorted keys, numbers. Its bytes feed content hashes and exports, so
/// equal values must always give equal bytes.
@Suite struct JSONWriterTests {
    private func text(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.write(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func escapesQuotesAndBackslashes() {
        #expect(text(.string(#"say "hi" \ bye"#)) == #""say \"hi\" \\ bye""#)
        #expect(text("/path/to") == #""/path/to""#)  // slashes are not escaped
    }

    @Test func escapesEveryControlCharacter() {
        #expect(text("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(text("\u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}\u{1F}") == #""\u0000\u0001\u0008\u000b\u000c\u001b\u001f""#)
        #expect(text("\u{1B}[31mred\u{1B}[0m\u{7}") == #""\u001b[31mred\u001b[0m\u0007""#)
        // Every byte of the output below 0x20 would be invalid JSON.
        let all = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        var writer = JSONWriter()
        writer.write(string: all)
        #expect(!writer.bytes.contains { $0 < 0x20 })
    }

    @Test func keepsUnicodeRaw() {
        let unicode = "日本語 🚀 👩‍💻 café e\u{301} \u{7F} \u{2028} \u{202E}"
        #expect(text(.string(unicode)) == "\"" + unicode + "\"")
        #expect(JSONValue.string(unicode).jsonBytes == Array(("\"" + unicode + "\"").utf8))
    }

    @Test func escapedStringsReadBackUnchanged() throws {
        let nasty = String(String.UnicodeScalarView((0..<0x80).map { Unicode.Scalar(UInt8($0)) })) + "日本語🚀\u{2028}\u{FFFD}"
        let parsed = try JSONSerialization.jsonObject(with: Data(JSONValue.array([.string(nasty)]).jsonBytes))
        #expect((parsed as? [String])?.first == nasty)
    }

    @Test func sortsKeysAtEveryLevel() {
        let value: JSONValue = [
            "b": 1, "a": ["z": true, "m": nil, "A": [3, 2, 1]], "B": "x", "": 0, "aa": [["y": 1, "x": 2]],
        ]
        #expect(text(value) == #"{"":0,"B":"x","a":{"A":[3,2,1],"m":null,"z":true},"aa":[{"x":2,"y":1}],"b":1}"#)
        #expect(text(["k\"ey": 1, "\n": 2, "é": 3]) == #"{"\n":2,"k\"ey":1,"é":3}"#)
    }

    @Test func equalValuesGiveEqualBytesWhateverTheInsertionOrder() {
        var first: [String: JSONValue] = [:]
        var second: [String: JSONValue] = [:]
        let keys = (0..<50).map { "key\($0)" }
        for key in keys { first[key] = .string(key) }
        for key in keys.reversed() { second[key] = .string(key) }
        #expect(JSONValue.object(first).jsonBytes == JSONValue.object(second).jsonBytes)
        #expect(text(.object(first)).hasPrefix(#"{"key0":"key0","key1":"key1","key10":"key10","#))
    }

    @Test func writesNumbersExactly() {
        #expect(text(.integer(Int64.max)) == "9223372036854775807")
        #expect(text(.integer(Int64.min)) == "-9223372036854775808")
        #expect(text(.integer(0)) == "0")
        #expect(text(.number(1.0)) == "1")
        #expect(text(.number(-42.0)) == "-42")
        #expect(text(.number(0.1)) == "0.1")
        #expect(text(.number(-0.5)) == "-0.5")
        #expect(text(.number(0.00254)) == "0.00254")
        #expect(text(.number(1e300)) == "1e+300")
        #expect(text(.number(.nan)) == "null")  // JSON has no NaN or infinity
        #expect(text(.number(.infinity)) == "null")
        #expect(text(.number(-.infinity)) == "null")
    }

    @Test func writesLiteralsAndContainers() {
        #expect(text(nil) == "null")
        #expect(text(true) == "true")
        #expect(text(false) == "false")
        #expect(text([]) == "[]")
        #expect(text([:]) == "{}")
        #expect(text(["x", 1, 2.5, nil, [true]]) == #"["x",1,2.5,null,[true]]"#)
        #expect(JSONValue.array([1, "a"]).jsonString == #"[1,"a"]"#)
    }

    @Test func outputParsesBackToTheSameValue() throws {
        let value: JSONValue = [
            "text": "line\none\u{1B}\"", "count": 12, "ratio": 0.25, "flags": [true, false, nil],
            "nested": ["deep": ["deeper": "日本語"]], "big": .integer(9_007_199_254_740_993),
        ]
        #expect(try JSONText.parse(Data(value.jsonBytes)) == value)
    }
}
