import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// The native JSON Lines codec (docs/native-format.md): what it reads, what it writes, and the exact
/// path and reason of everything it refuses.
@Suite struct NativeFormatTests {
    // MARK: - Every field, both ways

    /// `Fixtures/every-field.jsonl`: a trace, an observation and a score with every field set, written
    /// by hand in the canonical form (compact, keys sorted, UTC timestamps with six digits).
    static func fixture() throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "every-field", withExtension: "jsonl", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    /// 2026-11-20T09:00:00Z plus some seconds, built from the epoch so these tests do not lean on
    /// the timestamp parser they exercise.
    static func at(_ seconds: Double) -> Timestamp {
        Timestamp(microseconds: 1_795_165_200_000_000 + Int64((seconds * 1_000_000).rounded()))
    }

    static let trace = TraceRecord(
        id: "trace-1", name: "claude_turn_1", userId: "alice", sessionId: "sess-1", timestamp: at(0),
        tags: ["claude-code", "namespace:acme"],
        metadata: ["cwd": "/home/alice/src", "ratio": 0.25, "nested": ["depth": 2, "list": [1, "two", nil, true]]],
        input: .messages([.text(.user, "Refactor the auth module")]), output: .json(["summary": "done", "files": 3]),
        release: "acme@1.2.3", version: "1.2.3", environment: "development", isPublic: true, eventTime: at(5.25))

    static let observation = ObservationRecord(
        id: "gen-1", traceId: "trace-1", parentId: "agent-1", kind: .generation, name: "claude_turn_1",
        startTime: at(0), endTime: at(3.76), completionStartTime: at(1.231), model: "claude-sonnet-4-5-20250929",
        modelParameters: ["max_tokens": 32000, "temperature": 0.7, "stream": true],
        input: .messages([
            .text(.system, "You are a coding agent.\nBe careful."),
            Message(
                role: .user, name: "alice",
                parts: [
                    .text("Look at this: 日本語 \u{1B}[31mred\u{1B}[0m \"quoted\" \\ back"),
                    .image(url: "https://example.com/diagram.png", mediaType: "image/png"),
                ]),
            Message(
                role: .assistant,
                parts: [
                    .reasoning(text: "First find the callers.", signature: "EqSbXOIk"),
                    .toolCall(ToolCall(id: "toolu_01", name: "Grep", arguments: ["pattern": "SessionStore", "-n": true])),
                ]),
            Message(
                role: .tool,
                parts: [
                    .toolResult(ToolResult(callId: "toolu_01", content: "app/auth/session.py:22:class SessionStore:", isError: true))
                ]),
        ]),
        output: .messages([
            Message(role: .assistant, parts: [.text("Found it."), .other(["type": "server_tool_use", "name": "web_search"])])
        ]),
        metadata: ["stop_reason": "tool_use"],
        usage: Usage(
            input: 5, output: 152, cacheRead: 14561, cacheWrite5m: 106, cacheWrite1h: 14455, reasoning: 40, total: 29279,
            other: ["web_search_requests": 1]),
        cost: Cost(total: 0.00254, parts: ["input": 0.00041, "cacheRead": 0.00176, "output": 0.00037]),
        level: .warning, statusMessage: "retried once", version: "2.0.14", environment: "development",
        eventTime: at(3.8))

    static let score = ScoreRecord(
        id: "score-1", name: "correctness", value: .number(0.9), dataType: "NUMERIC", traceId: "trace-1",
        observationId: "gen-1", sessionId: "sess-1", comment: "LLM judge: matches the diff.",
        metadata: ["judge": "claude-haiku-4-5-20251001"], timestamp: at(919.533), source: "EVAL",
        environment: "development")

    static let everyField: [Record] = [.trace(trace), .observation(observation), .score(score)]

    @Test func decodesEveryFieldOfEveryRecordType() throws {
        let results = NativeFormat.decode(lines: try Self.fixture())
        #expect(results.map(\.line) == [1, 2, 3])
        let records = try results.map { try $0.result.get() }
        try #require(records.count == 3)
        // One by one, so a failure names the record type.
        #expect(records[0] == Self.everyField[0])
        #expect(records[1] == Self.everyField[1])
        #expect(records[2] == Self.everyField[2])
    }

    @Test func encodesEveryFieldInTheCanonicalForm() throws {
        let expected = String(decoding: try Self.fixture(), as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(expected.count == 3)
        for (record, line) in zip(Self.everyField, expected) {
            #expect(NativeFormat.line(record) == line)
        }
    }

    @Test(arguments: everyField)
    func roundTripsEveryField(_ record: Record) throws {
        #expect(try NativeFormat.decode(line: NativeFormat.line(record)) == record)
        #expect(try NativeFormat.decode(NativeFormat.json(record)) == record)
    }

    @Test func roundTripsARecordWithOnlyItsId() throws {
        let minimal: [(String, Record)] = [
            (#"{"id":"t","type":"trace"}"#, .trace(TraceRecord(id: "t"))),
            (#"{"id":"o","type":"observation"}"#, .observation(ObservationRecord(id: "o", kind: nil))),
            (#"{"id":"s","name":"n","type":"score","value":"ok"}"#, .score(ScoreRecord(id: "s", name: "n", value: .string("ok")))),
        ]
        for (line, record) in minimal {
            #expect(try NativeFormat.decode(line: line) == record)
            #expect(NativeFormat.line(record) == line)
        }
    }

    @Test func readsScoreValuesOfEveryType() throws {
        func value(_ json: String) throws -> ScoreValue? {
            guard case .score(let score) = try NativeFormat.decode(line: #"{"type":"score","id":"s","name":"n","value":\#(json)}"#)
            else { return nil }
            return score.value
        }
        #expect(try value("4") == .number(4))
        #expect(try value("0.25") == .number(0.25))
        #expect(try value(#""thumbs_down""#) == .string("thumbs_down"))
        #expect(try value("true") == .number(1))
        #expect(try value("false") == .number(0))
        // A boolean is exported as the number it was stored as.
        let score = ScoreRecord(id: "s", name: "n", value: try #require(try value("true")))
        #expect(NativeFormat.line(.score(score)) == #"{"id":"s","name":"n","type":"score","value":1}"#)
    }

    // MARK: - What decoding forgives

    @Test func ignoresUnknownFieldsAtEveryLevel() throws {
        let plain = #"{"type":"observation","id":"o","kind":"generation","inputMessages":[{"role":"user","parts":[{"type":"text","text":"hi"}]}],"usage":{"input":1},"cost":{"total":0.5}}"#
        let extra = #"{"type":"observation","id":"o","kind":"generation","x-producer":{"a":1},"inputMessages":[{"role":"user","cache_control":{"type":"ephemeral"},"parts":[{"type":"text","text":"hi","citations":[]}]}],"usage":{"input":1,"server_tool_use":{"web_search_requests":2}},"cost":{"total":0.5,"currency":"USD"}}"#
        #expect(try NativeFormat.decode(line: extra) == NativeFormat.decode(line: plain))
    }

    @Test func treatsNullAsAbsent() throws {
        let line = #"{"type":"trace","id":"t","name":null,"userId":null,"tags":null,"metadata":null,"input":null,"inputMessages":null,"public":null,"timestamp":null}"#
        #expect(try NativeFormat.decode(line: line) == .trace(TraceRecord(id: "t")))
    }

    @Test func readsKindAndLevelInAnyCase() throws {
        let record = try NativeFormat.decode(line: #"{"type":"observation","id":"o","kind":"GENERATION","level":"error"}"#)
        #expect(record == .observation(ObservationRecord(id: "o", kind: .generation, level: .error)))
        let warning = try NativeFormat.decode(line: #"{"type":"observation","id":"o","kind":"Tool","level":"Warning"}"#)
        #expect(warning == .observation(ObservationRecord(id: "o", kind: .tool, level: .warning)))
    }

    @Test func messagesWinOverJSONAndJSONStaysJSON() throws {
        let both = #"{"type":"trace","id":"t","input":"ignored","inputMessages":[{"role":"USER","parts":[]}]}"#
        #expect(try NativeFormat.decode(line: both) == .trace(TraceRecord(id: "t", input: .messages([Message(role: .user, parts: [])]))))
        // A chat-shaped array under `input` is still plain JSON.
        let json = #"{"type":"trace","id":"t","input":[{"role":"user","parts":[]}]}"#
        #expect(try NativeFormat.decode(line: json) == .trace(TraceRecord(id: "t", input: .json([["role": "user", "parts": []]]))))
    }

    // MARK: - What decoding refuses, and where

    struct Refusal: Sendable, CustomTestStringConvertible {
        var line: String
        var path: String
        var reason: String
        var testDescription: String { path.isEmpty ? reason : path }
    }

    static let refusals: [Refusal] = [
        // Record type and id.
        Refusal(line: #"{"id":"x"}"#, path: "type", reason: "is required"),
        Refusal(line: #"{"type":"Trace","id":"x"}"#, path: "type", reason: #"unknown record type "Trace" (trace, observation, score, session)"#),
        Refusal(line: #"{"type":"trace"}"#, path: "id", reason: "is required"),
        Refusal(line: #"{"type":"observation","id":""}"#, path: "id", reason: "must not be empty"),
        Refusal(line: #"{"type":"trace","id":12}"#, path: "id", reason: "expected a string, got a number"),
        Refusal(line: #"[{"type":"trace","id":"t"}]"#, path: "", reason: "expected an object, got an array"),
        Refusal(line: #""trace""#, path: "", reason: "expected an object, got a string"),
        // Wrong JSON types.
        Refusal(line: #"{"type":"trace","id":"t","name":["a"]}"#, path: "name", reason: "expected a string, got an array"),
        Refusal(line: #"{"type":"trace","id":"t","tags":"urgent"}"#, path: "tags", reason: "expected an array, got a string"),
        Refusal(line: #"{"type":"trace","id":"t","tags":["a",2]}"#, path: "tags[1]", reason: "expected a string, got a number"),
        Refusal(line: #"{"type":"trace","id":"t","public":"yes"}"#, path: "public", reason: "expected a boolean, got a string"),
        Refusal(line: #"{"type":"observation","id":"o","modelParameters":[1]}"#, path: "modelParameters", reason: "expected an object, got an array"),
        // Timestamps.
        Refusal(
            line: #"{"type":"observation","id":"o","startTime":"2026-11-20 09:00:00"}"#, path: "startTime",
            reason: "not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): 2026-11-20 09:00:00"),
        Refusal(
            line: #"{"type":"observation","id":"o","endTime":"2026-11-20T09:00:00"}"#, path: "endTime",
            reason: "not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): 2026-11-20T09:00:00"),
        Refusal(line: #"{"type":"trace","id":"t","timestamp":1795165200}"#, path: "timestamp", reason: "expected a string, got a number"),
        // Kind and level.
        Refusal(
            line: #"{"type":"observation","id":"o","kind":"llm"}"#, path: "kind",
            reason: #"unknown kind "llm" (generation, span, tool, event, agent, retriever, embedding, chain, guardrail, evaluator)"#),
        Refusal(line: #"{"type":"observation","id":"o","level":"FATAL"}"#, path: "level", reason: #"must be DEBUG, DEFAULT, WARNING or ERROR, got "FATAL""#),
        Refusal(line: #"{"type":"observation","id":"o","level":3}"#, path: "level", reason: "expected a string, got a number"),
        // Usage and cost.
        Refusal(line: #"{"type":"observation","id":"o","usage":{"input":-1}}"#, path: "usage.input", reason: "must not be negative"),
        Refusal(line: #"{"type":"observation","id":"o","usage":{"input":1.5}}"#, path: "usage.input", reason: "expected an integer, got a number"),
        Refusal(line: #"{"type":"observation","id":"o","usage":{"output":"12"}}"#, path: "usage.output", reason: "expected an integer, got a string"),
        Refusal(line: #"{"type":"observation","id":"o","usage":{"other":{"audio":"x"}}}"#, path: "usage.other.audio", reason: "expected an integer, got a string"),
        Refusal(line: #"{"type":"observation","id":"o","usage":[5]}"#, path: "usage", reason: "expected an object, got an array"),
        Refusal(line: #"{"type":"observation","id":"o","cost":{"total":-0.01}}"#, path: "cost.total", reason: "must not be negative"),
        Refusal(line: #"{"type":"observation","id":"o","cost":{"total":"0.01"}}"#, path: "cost.total", reason: "expected a number, got a string"),
        Refusal(line: #"{"type":"observation","id":"o","cost":{"parts":{"input":-1}}}"#, path: "cost.parts.input", reason: "must not be negative"),
        // Messages and parts.
        Refusal(
            line: #"{"type":"observation","id":"o","inputMessages":[{"role":"user","parts":[]},{"role":"assistant","parts":[{"type":"tool_use"}]}]}"#,
            path: "inputMessages[1].parts[0].type",
            reason: #"unknown part type "tool_use" (text, image, tool_call, tool_result, reasoning, other)"#),
        Refusal(
            line: #"{"type":"observation","id":"o","inputMessages":[{"role":"user","parts":[{"type":"TEXT","text":"hi"}]}]}"#,
            path: "inputMessages[0].parts[0].type",
            reason: #"unknown part type "TEXT" (text, image, tool_call, tool_result, reasoning, other)"#),
        Refusal(
            line: #"{"type":"observation","id":"o","outputMessages":[{"role":"tool","parts":[{"type":"text","text":"a"},{"type":"tool_result","content":["x"]}]}]}"#,
            path: "outputMessages[0].parts[1].content", reason: "expected a string, got an array"),
        Refusal(line: #"{"type":"trace","id":"t","inputMessages":[{"parts":[]}]}"#, path: "inputMessages[0].role", reason: "is required"),
        Refusal(line: #"{"type":"trace","id":"t","inputMessages":[{"role":"user"}]}"#, path: "inputMessages[0].parts", reason: "is required"),
        Refusal(line: #"{"type":"trace","id":"t","inputMessages":{"role":"user"}}"#, path: "inputMessages", reason: "expected an array of messages, got an object"),
        Refusal(line: #"{"type":"trace","id":"t","outputMessages":["hi"]}"#, path: "outputMessages[0]", reason: "expected an object, got a string"),
        Refusal(line: #"{"type":"trace","id":"t","inputMessages":[{"role":"user","parts":[{"text":"hi"}]}]}"#, path: "inputMessages[0].parts[0].type", reason: "is required"),
        Refusal(line: #"{"type":"trace","id":"t","inputMessages":[{"role":"user","parts":[{"type":"image"}]}]}"#, path: "inputMessages[0].parts[0].url", reason: "is required"),
        Refusal(
            line: #"{"type":"trace","id":"t","inputMessages":[{"role":"assistant","parts":[{"type":"tool_call","id":"c"}]}]}"#,
            path: "inputMessages[0].parts[0].name", reason: "is required"),
        Refusal(
            line: #"{"type":"trace","id":"t","inputMessages":[{"role":"tool","parts":[{"type":"tool_result","content":"x","isError":"yes"}]}]}"#,
            path: "inputMessages[0].parts[0].isError", reason: "expected a boolean, got a string"),
        // Scores.
        Refusal(line: #"{"type":"score","id":"s","value":1}"#, path: "name", reason: "is required"),
        Refusal(line: #"{"type":"score","id":"s","name":"n"}"#, path: "value", reason: "is required"),
        Refusal(line: #"{"type":"score","id":"s","name":"n","value":null}"#, path: "value", reason: "is required"),
        Refusal(line: #"{"type":"score","id":"s","name":"n","value":{"v":1}}"#, path: "value", reason: "expected a number or a string, got an object"),
    ]

    @Test(arguments: refusals)
    func refusesWithThePathAndReason(_ refusal: Refusal) {
        #expect(throws: FieldError(path: refusal.path, reason: refusal.reason)) {
            try NativeFormat.decode(line: refusal.line)
        }
    }

    @Test func refusesMalformedJSONWithoutAPath() {
        for line in [#"{"type":"trace","id":"#, "{type: trace}", #"{"type":"trace","id":"t"} trailing"#] {
            do {
                let record = try NativeFormat.decode(line: line)
                Issue.record("decoded \(record) from \(line)")
            } catch {
                #expect(error.path == "")
                #expect(error.reason.hasPrefix("malformed JSON"), "\(error.reason)")
                #expect(error.description == error.reason)
            }
        }
    }

    @Test func describesAnErrorAsPathColonReason() {
        #expect(FieldError(path: "usage.input", reason: "must not be negative").description == "usage.input: must not be negative")
    }

    // MARK: - Lines

    private static let t1 = #"{"type":"trace","id":"t-1"}"#
    private static let t2 = #"{"type":"trace","id":"t-2"}"#

    @Test func numbersLinesFromOneAndSkipsBlankOnes() {
        let text = [Self.t1, "", "  \t ", #"{"type":"trace"}"#, Self.t2].joined(separator: "\n") + "\n"
        let results = NativeFormat.decode(lines: Data(text.utf8))
        #expect(results.map(\.line) == [1, 4, 5])
        #expect((try? results[0].result.get())?.id == "t-1")
        #expect(throws: FieldError(path: "id", reason: "is required")) { try results[1].result.get() }
        #expect((try? results[2].result.get())?.id == "t-2")
    }

    @Test func readsCRLFLinesLikeLFLines() throws {
        let lines = [Self.t1, "", #"{"type":"trace","id":"t-3","name":"a\r\nb"}"#, #"{"type":"trace"}"#, Self.t2]
        let lf = NativeFormat.decode(lines: Data((lines.joined(separator: "\n") + "\n").utf8))
        let crlf = NativeFormat.decode(lines: Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
        #expect(crlf.map(\.line) == [1, 3, 4, 5])
        #expect(crlf.map(\.line) == lf.map(\.line))
        #expect(crlf.map { try? $0.result.get() } == lf.map { try? $0.result.get() })
        #expect((try? crlf[1].result.get()) == .trace(TraceRecord(id: "t-3", name: "a\r\nb")))
        // Mixed endings, and a String (where "\r\n" is a single Character) rather than bytes.
        let mixed = NativeFormat.decode(lines: Self.t1 + "\r\n" + Self.t2 + "\n\r\n" + Self.t1)
        #expect(mixed.map(\.line) == [1, 2, 4])
        #expect(mixed.allSatisfy { (try? $0.result.get()) != nil })
    }

    @Test func readsALastLineWithoutALineBreak() {
        let results = NativeFormat.decode(lines: Data((Self.t1 + "\n" + Self.t2).utf8))
        #expect(results.map(\.line) == [1, 2])
        #expect(results.compactMap { try? $0.result.get().id } == ["t-1", "t-2"])
        #expect(NativeFormat.decode(lines: Data()).isEmpty)
        #expect(NativeFormat.decode(lines: Data("\n\r\n \n".utf8)).isEmpty)
    }

    @Test func replacesInvalidUTF8RatherThanFailingTheLine() throws {
        var bytes = Data(#"{"type":"trace","id":"t-1","name":"caf"#.utf8)
        bytes.append(contentsOf: [0xC3, 0x28, 0xFF])  // a broken two-byte sequence and a byte UTF-8 never uses
        bytes.append(contentsOf: Data(#""}"#.utf8) + Data("\n".utf8) + Data(Self.t2.utf8))
        let results = NativeFormat.decode(lines: bytes)
        #expect(results.map(\.line) == [1, 2])
        #expect(try results[0].result.get() == .trace(TraceRecord(id: "t-1", name: "caf\u{FFFD}(\u{FFFD}")))
    }

    @Test func decodesStringsAndBytesAlike() {
        let text = [Self.t1, "", "{", Self.t2, "\u{3000}日本語"].joined(separator: "\n")
        let fromString = NativeFormat.decode(lines: text)
        let fromBytes = NativeFormat.decode(lines: Data(text.utf8))
        #expect(fromString.map(\.line) == fromBytes.map(\.line))
        #expect(fromString.map { try? $0.result.get() } == fromBytes.map { try? $0.result.get() })
        #expect(fromString.map(\.line) == [1, 3, 4, 5])
    }
}
