import Foundation
import Testing
import TurnscopeAgents
import TurnscopeModel
import TurnscopeStore

/// `AgentImport` on real files and a real database: idempotence, half-written lines, restarts in
/// the middle of a response, truncated files and malformed lines.
@Suite struct AgentImportTests {
    let scratch: Scratch
    let store: TraceStore
    let folders: AgentFolders

    init() throws {
        scratch = try Scratch()
        store = try TraceStore(path: scratch.path + "/db/turnscope.db")
        folders = AgentFolders.resolve(environment: [:], claudeHome: scratch.path + "/claude", codexHome: scratch.path + "/codex")
    }

    private func importTree(skipped: @escaping (SkippedLine) -> Void = { _ in }) throws -> ImportTally {
        try AgentImport(store: store).run(AgentImport.transcripts(in: folders), skipped: skipped)
    }

    /// The generations stored, by id.
    private func generations() throws -> [String: ObservationRecord] {
        var found: [String: ObservationRecord] = [:]
        try store.export { record in
            if case .observation(let observation) = record, observation.kind == .generation { found[observation.id] = observation }
        }
        return found
    }

    @Test func importsATreeOnceAndSkipsItWhenUnchanged() throws {
        defer { scratch.remove() }
        var first = ClaudeLines(session: "11111111-1111-4111-8111-111111111111")
        var second = ClaudeLines(session: "22222222-2222-4222-8222-222222222222")
        second.cwd = "/home/dev/other"
        try scratch.write(
            "claude/projects/-home-dev-acme/\(first.session).jsonl",
            [first.prompt("Fix the flaky test", uuid: "u1"), first.answer("Done.", id: "msg_a", uuid: "a1", parent: "u1", output: 30),
             first.prompt("Now the docs", uuid: "u2", parent: "a1"), first.answer("Updated.", id: "msg_b", uuid: "a2", parent: "u2", output: 20)]
                .joined(separator: "\n") + "\n")
        try scratch.write(
            "claude/projects/-home-dev-other/\(second.session).jsonl",
            [second.prompt("Explain this module", uuid: "v1"), second.answer("It parses.", id: "msg_c", uuid: "b1", parent: "v1", output: 12)]
                .joined(separator: "\n") + "\n")

        let tally = try importTree()
        #expect(tally.turns == 3)
        #expect(tally.sessions == 2)
        #expect(tally.files == 2)
        #expect(tally.skippedLines == 0)
        let session = try #require(try store.session(id: first.session))
        #expect(session.source == "claude-code")
        #expect(session.project == "/home/dev/acme")
        #expect(session.label == "Fix the flaky test")
        #expect(session.turnCount == 2)
        #expect(session.usage.output == 50)
        #expect(session.usage.cacheRead == 2000)

        let again = try importTree()
        #expect(again.turns == 0)
        #expect(again.files == 0)
        #expect(again.bytes == 0)
        #expect(try store.session(id: first.session)?.turnCount == 2)
    }

    @Test func aHalfWrittenLineWaitsForItsEnd() throws {
        defer { scratch.remove() }
        var lines = ClaudeLines(session: "33333333-3333-4333-8333-333333333333")
        let name = "claude/projects/p/\(lines.session).jsonl"
        let answer = lines.answer("All green.", id: "msg_h", uuid: "a1", parent: "u1", output: 44)
        let cut = answer.index(answer.startIndex, offsetBy: answer.count / 2)
        try scratch.write(name, lines.prompt("Run the tests", uuid: "u1") + "\n" + answer[..<cut])

        #expect(try importTree().turns == 0)
        try scratch.append(name, String(answer[cut...]) + "\n")
        let tally = try importTree()
        #expect(tally.turns == 1)
        #expect(tally.skippedLines == 0)
        #expect(try generations()["claude-code:msg_h"]?.usage?.output == 44)
    }

    @Test func aResponseContinuedAfterARestartIsOneTurnWithItsFinalUsage() throws {
        defer { scratch.remove() }
        var lines = ClaudeLines(session: "44444444-4444-4444-8444-444444444444")
        let name = "claude/projects/p/\(lines.session).jsonl"
        try scratch.write(
            name,
            lines.prompt("Refactor the parser", uuid: "u1") + "\n"
                + lines.answer("Thinking about it.", id: "msg_r", uuid: "a1", parent: "u1", output: 1, final: false) + "\n")
        #expect(try importTree().turns == 1)

        // A new importer knows nothing of the first: it rebuilds the response from the file.
        try scratch.append(name, lines.answer("Here is the plan.", id: "msg_r", uuid: "a2", parent: "a1", output: 250) + "\n")
        #expect(try importTree().turns == 1)
        let generation = try #require(try generations()["claude-code:msg_r"])
        #expect(generation.usage?.output == 250)
        let text = generation.output?.messages?.flatMap(\.parts).compactMap { part -> String? in
            if case .text(let text) = part { text } else { nil }
        }
        #expect(text == ["Thinking about it.", "Here is the plan."])
        let session = try #require(try store.session(id: lines.session))
        #expect(session.turnCount == 1)
        #expect(session.usage.output == 250)
    }

    @Test func aFileRewrittenWithOtherContentIsReadAgainWithoutDuplicates() throws {
        defer { scratch.remove() }
        var lines = ClaudeLines(session: "55555555-5555-4555-8555-555555555555")
        let name = "claude/projects/p/\(lines.session).jsonl"
        try scratch.write(
            name,
            [lines.prompt("First version", uuid: "u1"), lines.answer("One.", id: "msg_1", uuid: "a1", parent: "u1", output: 5),
             lines.prompt("More", uuid: "u2", parent: "a1"), lines.answer("Two.", id: "msg_2", uuid: "a2", parent: "u2", output: 6)]
                .joined(separator: "\n") + "\n")
        #expect(try importTree().turns == 2)

        // Replaced by a shorter file that starts differently (an editor's save, a restore).
        var rewritten = ClaudeLines(session: lines.session)
        try scratch.write(
            name,
            [rewritten.prompt("Second version", uuid: "w1"), rewritten.answer("One again.", id: "msg_1", uuid: "b1", parent: "w1", output: 5)]
                .joined(separator: "\n") + "\n")
        #expect(try importTree().turns == 1)
        #expect(try store.session(id: lines.session)?.turnCount == 2)
        #expect(try generations().count == 2)
    }

    @Test func aLargeToolResultIsStoredOnceInThePromptNotAgainOnTheToolObservation() throws {
        defer { scratch.remove() }
        let session = "99999999-9999-4999-8999-999999999999"
        let big = String(repeating: "line of a large file\n", count: 400)
        func line(_ object: [String: JSONValue]) -> String {
            var object = object
            object["sessionId"] = .string(session)
            object["timestamp"] = "2026-12-07T00:00:00.000Z"
            return JSONValue.object(object).jsonString
        }
        let usage: JSONValue = ["input_tokens": 5, "output_tokens": 7, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0]
        try scratch.write(
            "claude/projects/p/\(session).jsonl",
            [
                line(["type": "user", "uuid": "u1", "promptId": "p1", "message": ["role": "user", "content": "Read the file"]]),
                line([
                    "type": "assistant", "uuid": "a1", "parentUuid": "u1",
                    "message": [
                        "id": "msg_t1", "role": "assistant", "model": "claude-sonnet-4-5-20250929", "stop_reason": "tool_use", "usage": usage,
                        "content": [["type": "tool_use", "id": "toolu_big", "name": "Read", "input": ["file_path": "/src/big.txt"]]],
                    ],
                ]),
                line([
                    "type": "user", "uuid": "u2", "parentUuid": "a1",
                    "message": ["role": "user", "content": [["type": "tool_result", "tool_use_id": "toolu_big", "content": .string(big)]]],
                ]),
                line([
                    "type": "assistant", "uuid": "a2", "parentUuid": "u2",
                    "message": [
                        "id": "msg_t2", "role": "assistant", "model": "claude-sonnet-4-5-20250929", "stop_reason": "end_turn", "usage": usage,
                        "content": [["type": "text", "text": "It is long."]],
                    ],
                ]),
            ].joined(separator: "\n") + "\n")
        #expect(try importTree().turns == 2)

        var tool: ObservationRecord?
        try store.export { record in
            if case .observation(let observation) = record, observation.kind == .tool { tool = observation }
        }
        let stored = try #require(tool)
        #expect(stored.input == .json(["file_path": "/src/big.txt"]), "small arguments stay on the tool observation")
        #expect(stored.output == nil, "the result is in the next prompt, stored once")
        #expect(stored.metadata?["resultBytes"] == .integer(Int64(big.utf8.count)))
        let sent = try #require(try generations()["claude-code:msg_t2"]?.input?.messages)
        #expect(sent.flatMap(\.toolResults).map(\.content) == [big])
    }

    @Test func aMalformedLineIsReportedWithItsNumberAndTheRestIsRead() throws {
        defer { scratch.remove() }
        var lines = ClaudeLines(session: "66666666-6666-4666-8666-666666666666")
        let file = try scratch.write(
            "claude/projects/p/\(lines.session).jsonl",
            [lines.prompt("Hello", uuid: "u1"), #"{"type":"assistant","message":"#, "",
             lines.answer("Hi.", id: "msg_m", uuid: "a1", parent: "u1", output: 3),
             #"{"type":"some-new-line-type","sessionId":"x"}"#]
                .joined(separator: "\n") + "\n")
        var reported: [SkippedLine] = []
        let tally = try importTree { reported.append($0) }
        #expect(tally.turns == 1)
        #expect(tally.skippedLines == 1)
        #expect(reported.map(\.line) == [2])
        #expect(reported.first?.path == file)
        #expect(reported.first?.description.hasPrefix("\(file):2: ") == true)
    }
}
