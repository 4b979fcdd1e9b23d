import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// An export's spans usually resend the previous span's prompt with a message or two more, and
/// the decoder reads each from where it differs from the last (`MessageListMemo`). Whatever the
/// texts, a span must read exactly as it does alone in an export of its own.
@Suite struct OTLPResentPromptTests {
    static let system = #"{"role":"system","content":"You are terse."}"#
    static let user = #"{"role":"user","content":"Fix the failing test."}"#
    static let call = #"{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"bash","arguments":"{\"cmd\":\"swift test\"}"}}]}"#
    static let result = #"{"role":"tool","tool_call_id":"c1","content":"1 failure"}"#
    static let reply = #"{"role":"assistant","content":"Patched."}"#

    /// Prompt texts in the order an export carries them, each case a run of spans.
    static let runs: [(String, [String])] = [
        ("a history growing by a message or two", [
            "[\(system),\(user)]", "[\(system),\(user),\(call),\(result)]", "[\(system),\(user),\(call),\(result),\(reply)]",
        ]),
        ("the same prompt again", ["[\(system),\(user)]", "[\(system),\(user)]", "[\(system),\(user)]"]),
        ("a message edited in the middle", [
            "[\(system),\(user),\(call),\(result)]",
            "[\(system),\(user.replacingOccurrences(of: "Fix", with: "Fax")),\(call),\(result)]",
        ]),
        ("a shorter prompt (history compacted)", ["[\(system),\(user),\(call),\(result)]", "[\(system),\(user)]", "[\(system)]"]),
        ("whitespace between elements", [
            "[\(system),\(user)]", "[\(system),\(user) ,\n \(reply) ]", " [\(system) , \(user)]\n",
        ]),
        ("a change in an element's last byte", ["[1,2]", "[1,3]", #"["ab"]"#, #"["ac"]"#, "[\(system)]", "[\(system.dropLast())]"]),
        ("a number the shared bytes cut short", ["[1,2]", "[1,23]", "[1,2,3]", "[1,2]"]),
        ("a literal the shared bytes cut short", ["[true,null]", "[true,nullx]", "[true,null,false]"]),
        ("an element that is not a message", ["[\(system),\(user)]", "[\(system),\(user),5]", "[\(system),\(user)]"]),
        ("text that stops being JSON", [
            "[\(system),\(user)]", "[\(system),\(user),", "[\(system),\(user),]", "[\(system),\(user)] x", "[\(system),\(user)]",
        ]),
        ("an empty list and plain text", ["[]", "[\(system)]", "[", "not json", "[\(system)]"]),
        ("too deep after a shared prefix", [
            "[\(system)]", "[\(system)," + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "]",
        ]),
    ]

    @Test(arguments: runs.map(\.0))
    func eachSpanReadsAsItDoesAlone(run name: String) throws {
        let texts = try #require(Self.runs.first { $0.0 == name }?.1)
        for key in ["langfuse.observation.input", "gen_ai.input.messages"] {
            let spans = texts.enumerated().map { index, text in Self.span(index, attributes: [key: text]) }
            let together = try Self.decode(spans)
            let alone = try spans.flatMap { try Self.decode([$0]) }
            #expect(together == alone, "\(name), \(key)")
            // And the texts really were read (as messages where they are a chat), not skipped.
            #expect(together.compactMap(\.input).count == texts.count)
        }
    }

    @Test func aGrowingHistoryReadsAsItsMessages() throws {
        let texts = Self.runs[0].1
        let spans = texts.enumerated().map { index, text in Self.span(index, attributes: ["langfuse.observation.input": text]) }
        let inputs = try Self.decode(spans).map(\.input)
        #expect(inputs.map { $0?.messages?.count } == [2, 4, 5])
        #expect(inputs[2]?.messages?.last == .text(.assistant, "Patched."))
        #expect(inputs[2]?.messages?[2].toolCalls.first?.arguments == ["cmd": "swift test"])
    }

    /// The observations of one OTLP/JSON export holding `spans`.
    static func decode(_ spans: [JSONValue]) throws -> [ObservationRecord] {
        let export: JSONValue = ["resourceSpans": [["scopeSpans": [["spans": .array(spans)]]]]]
        return try OTLPTraces.decode(json: Data(export.jsonBytes)).observations
    }

    static func span(_ index: Int, attributes: [String: String]) -> JSONValue {
        let start = 1_795_165_200_000_000_000 + Int64(index) * 1_000_000_000
        return [
            "traceId": "5b8efff798038103d269b633813fc60c", "spanId": .string(String(format: "eee19b7ec3c1b%03d", index)),
            "name": "chat", "startTimeUnixNano": .string(String(start)), "endTimeUnixNano": .string(String(start + 500_000_000)),
            "attributes": .array(attributes.sorted { $0.key < $1.key }.map { key, value in
                ["key": .string(key), "value": ["stringValue": .string(value)]]
            }),
        ]
    }
}
