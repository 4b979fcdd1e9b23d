import Foundation
import Testing
import TurnscopeModel

/// `JSONParser.arrayElements`: an array document's elements with where each ends, read from its
/// start or on from an element's end, agreeing with a whole parse.
@Suite struct JSONArrayElementsTests {
    static func elements(_ text: String, from start: Int, depth: Int = JSONParser.defaultMaximumDepth) throws
        -> (elements: [JSONValue], ends: [Int])
    {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { buffer in
            try JSONParser.arrayElements(buffer, from: start, maximumDepth: depth)
        }
    }

    @Test func readsEachElementAndWhereItEnds() throws {
        let text = #" [ {"a":[1,2]} , "s,]" ,3.5,[] ] "#
        let read = try Self.elements(text, from: 1)
        #expect(read.elements == [["a": [1, 2]], "s,]", 3.5, []])
        #expect(read.ends == [14, 22, 27, 30])  // just past `}`, `"s,]"`, `3.5` and `[]`
        #expect(.array(read.elements) == (try JSONParser.parse(text)))
    }

    @Test func readsOnFromAnElementsEnd() throws {
        let text = #"[{"role":"user"},"b",[true]]"#
        let whole = try Self.elements(text, from: 0)
        let rest = try Self.elements(text, from: whole.ends[0])
        #expect(rest.elements == Array(whole.elements.dropFirst()))
        #expect(rest.ends == Array(whole.ends.dropFirst()))
        #expect(try Self.elements("[]", from: 0).elements.isEmpty)
    }

    @Test(arguments: [
        ("[1,]", 0, "trailing comma before ']'"),
        ("[1,2", 0, "unexpected end of input: expected ',' or ']' after an array element"),
        ("[1 2]", 0, "expected ',' or ']' after an array element"),
        ("[1] x", 0, "unexpected 'x' after the JSON document"),
        ("[1,]", 2, "trailing comma before ']'"),
        ("{}", 0, "expected '[' or ',', found '{'"),
        ("[1]", 5, "unexpected end of input: expected '[' or ','"),
    ])
    func reportsWhatIsWrong(text: String, start: Int, reason: String) {
        #expect(throws: JSONTextError.self) { try Self.elements(text, from: start) }
        do {
            _ = try Self.elements(text, from: start)
        } catch let error as JSONTextError {
            #expect(error.reason == reason)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func countsTheArrayAsOneLevelOfNesting() throws {
        let nested = "[" + String(repeating: "[", count: 3) + String(repeating: "]", count: 3) + "]"
        #expect(try Self.elements(nested, from: 0, depth: 4).elements.count == 1)
        #expect(throws: JSONTextError.self) { try Self.elements(nested, from: 0, depth: 3) }
        #expect(throws: JSONTextError.self) { try JSONParser.parse(Array(nested.utf8), maximumDepth: 3) }
    }
}
