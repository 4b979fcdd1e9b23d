import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// `CodexRolloutReader`: a real Codex 0.163.0 rollout checked against the requests Codex sent, the
/// older (2025) rollout format with its re-emitted `token_count`, re-reading, and the lines it
/// refuses or skips.
@Suite struct CodexRolloutTests {
    // MARK: - Fixtures

    static let realName = "rollout-2026-12-07T00-02-31-01a24dcf-261c-70b2-9620-cddfdaad4ba6"
    static let realSession = "01a24dcf-261c-70b2-9620-cddfdaad4ba6"
    static let realTurn = "01a24dcf-2631-7533-97fd-35b5cb2ccd4d"
    static let oldSession = "019df7b2-1df3-7e01-b2f9-f9283453cd1c"

    /// The non-blank lines of a fixture in `Fixtures/agents/`.
    static func lines(_ name: String) throws -> [String] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures/agents"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func read(_ reader: inout CodexRolloutReader, _ line: String, number: Int = 1) throws(TranscriptLineError) -> [Record] {
        var bytes = Array(line.utf8)
        // `withUnsafeBytes` does not pass a typed error through; a `Result` carries it across.
        let result = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(TranscriptLineError) in try reader.read(line: UnsafeRawBufferPointer(buffer), number: number) }
        }
        return try result.get()
    }

    /// Every record of a whole file, read in one go and flushed at the end.
    static func readAll(_ lines: [String], path: String = "rollout.jsonl", flushEachLine: Bool = false) throws -> [Record] {
        var reader = CodexRolloutReader(path: path)
        var records: [Record] = []
        for (index, line) in lines.enumerated() {
            records += try read(&reader, line, number: index + 1)
            if flushEachLine { records += reader.flush() }
        }
        return records + reader.flush()
    }

    static func real() throws -> MergedRecords { MergedRecords(try readAll(try lines(realName), path: "/x/\(realName).jsonl")) }
    static func old() throws -> MergedRecords { MergedRecords(try readAll(try lines("codex_rollout"))) }

    static func at(_ text: String) -> Timestamp? { Timestamp(iso8601: text) }

    // MARK: - The real Codex 0.163.0 rollout

    @Test func realRolloutGivesTwoCallsWithExactUsage() throws {
        let merged = try Self.real()
        let generations = merged.generations
        #expect(generations.map(\.id) == ["codex:\(Self.realSession):1", "codex:\(Self.realSession):2"])
        for generation in generations {
            // 9,000 input of which 8,192 cached, 60 output of which 20 reasoning (README of the capture).
            #expect(generation.usage == Usage(input: 808, output: 60, cacheRead: 8192, reasoning: 20))
            #expect(generation.model == "gpt-5.1-codex")
            #expect(generation.modelParameters == nil)  // reasoning_effort is null in this session
            #expect(generation.traceId == "codex:\(Self.realSession):\(Self.realTurn)")
            #expect(generation.name == "codex")
            #expect(generation.level == nil)
            #expect(generation.metadata?["agent"] == "codex")
            #expect(generation.metadata?["version"] == "0.163.0")
            #expect(generation.metadata?["cwd"] == "/home/dev/acme")
        }
        #expect(generations[0].metadata?["responseId"] == "resp_fake000004")
        #expect(generations[1].metadata?["responseId"] == "resp_fake000005")

        #expect(
            generations[0].output
                == .messages([
                    Message(
                        role: .assistant,
                        parts: [.toolCall(ToolCall(id: "call_resp_fake000004", name: "exec_command", arguments: ["cmd": "echo marker-6479"]))])
                ]))
        #expect(generations[1].output == .messages([.text(.assistant, "Done: the command printed its marker.")]))

        // Request sent after the user's message; first output item; the usage record of the response.
        #expect(generations[0].startTime == Self.at("2026-12-07T00:02:31.178Z"))
        #expect(generations[0].completionStartTime == Self.at("2026-12-07T00:02:31.205Z"))
        #expect(generations[0].endTime == Self.at("2026-12-07T00:02:31.206Z"))
        // The second request went out after the tool's answer.
        #expect(generations[1].startTime == Self.at("2026-12-07T00:02:31.278Z"))
        #expect(generations[1].completionStartTime == Self.at("2026-12-07T00:02:31.306Z"))
    }

    @Test func realRolloutToolSessionAndTrace() throws {
        let merged = try Self.real()
        let tools = merged.tools
        #expect(tools.count == 1)
        let tool = try #require(tools.first)
        #expect(tool.id == "codex:\(Self.realSession):call_resp_fake000004")
        #expect(tool.parentId == "codex:\(Self.realSession):1")
        #expect(tool.traceId == "codex:\(Self.realSession):\(Self.realTurn)")
        #expect(tool.name == "exec_command")
        #expect(tool.input == .json(["cmd": "echo marker-6479"]))
        let output = try #require(tool.output?.jsonString)
        #expect(output.contains("marker-6479"))
        #expect(output.hasPrefix("Chunk ID: ad504b\n"))
        #expect(tool.level == nil)  // "Process exited with code 0"
        #expect(tool.startTime == Self.at("2026-12-07T00:02:31.205Z"))
        #expect(tool.endTime == Self.at("2026-12-07T00:02:31.278Z"))

        #expect(
            merged.sessions == [
                Self.realSession: SessionRecord(
                    id: Self.realSession, source: SessionSource.codex, project: "/home/dev/acme",
                    label: "Run a shell command that prints a marker, then say done.")
            ])

        let trace = try #require(merged.traces["codex:\(Self.realSession):\(Self.realTurn)"])
        #expect(merged.traces.count == 1)
        #expect(trace.sessionId == Self.realSession)
        #expect(trace.name == "codex")
        #expect(trace.timestamp == Self.at("2026-12-07T00:02:31.102Z"))
        #expect(trace.input == .json("Run a shell command that prints a marker, then say done."))
        #expect(trace.output == .json("Done: the command printed its marker."))
    }

    /// The prompt rebuilt from the rollout is what Codex sent: the request's `input` items in order,
    /// and the instructions as the system message.
    @Test func realRolloutPromptsMatchTheRequestsCodexSent() throws {
        let requests = try Self.lines("provider").map { try JSONText.parse($0) }.filter { $0["path"] == "/v1/responses" }
        let generations = try Self.real().generations
        #expect(requests.count == 2)
        #expect(generations.count == requests.count)
        let base = try #require(
            try JSONText.parse(try Self.lines(Self.realName)[0])["payload"]?["base_instructions"]?["text"]?.stringValue)

        for (request, generation) in zip(requests, generations) {
            let body = try #require(request["body"])
            #expect(body["model"]?.stringValue == generation.model)
            let prompt = try #require(generation.input?.messages)
            let system = try #require(prompt.first)
            #expect(system == .text(.system, base))

            var input = try #require(body["input"]?.arrayValue)
            if let instructions = body["instructions"]?.stringValue {
                // Builds that send the instructions on their own.
                #expect(instructions == base)
            } else {
                // 0.163.0 sends them as the first developer item, trimmed for the model (its
                // planning section left out), so only their opening can match the rollout's copy.
                let first = try #require(input.first)
                #expect(first["role"] == "developer")
                let sent = try #require(first["content"]?.arrayValue?.first?["text"]?.stringValue)
                #expect(sent.hasPrefix(String(base.prefix(4000))))
                input.removeFirst()
            }
            let expected = try #require(PayloadNormalizer.messages(from: .array(input)))
            #expect(Array(prompt.dropFirst()) == expected)
        }
        // The second request is the first one plus the call and its answer.
        let second = try #require(generations[1].input?.messages)
        #expect(second.count == 6)
        #expect(second[4].toolCalls.first?.id == "call_resp_fake000004")
        #expect(second[5].role == .tool)
        #expect(second[5].toolResults.first?.callId == "call_resp_fake000004")
    }

    /// A flush before the call's `token_count` hands the call out without usage; the later line
    /// fills the same record in.
    @Test func openCallIsFlushedThenCompleted() throws {
        let lines = try Self.lines(Self.realName)
        let cut = try #require(lines.firstIndex { $0.contains(#""type":"function_call","#) })
        var reader = CodexRolloutReader(path: "\(Self.realName).jsonl")
        var early: [Record] = []
        for line in lines[...cut] { early += try Self.read(&reader, line) }
        #expect(MergedRecords(early).generations.isEmpty)
        let flushed = MergedRecords(reader.flush())
        let open = try #require(flushed.generations.first)
        #expect(open.id == "codex:\(Self.realSession):1")
        #expect(open.usage == nil)
        #expect(flushed.tools.map(\.id) == ["codex:\(Self.realSession):call_resp_fake000004"])
        #expect(flushed.tools.first?.output == nil)
        // Nothing changed: a second flush hands nothing out again.
        #expect(reader.flush().isEmpty)

        var later: [Record] = []
        for line in lines[(cut + 1)...] { later += try Self.read(&reader, line) }
        later += reader.flush()
        let all = MergedRecords(early + flushed.records + later)
        #expect(all.generations.map(\.id) == ["codex:\(Self.realSession):1", "codex:\(Self.realSession):2"])
        #expect(all.generations.allSatisfy { $0.usage == Usage(input: 808, output: 60, cacheRead: 8192, reasoning: 20) })
        #expect(all == (try Self.real()))
    }

    // MARK: - The older format (shell tool, JSON-string output, re-emitted token_count)

    @Test func olderRolloutCountsTheReEmittedTokenCountOnce() throws {
        let merged = try Self.old()
        let generations = merged.generations
        #expect(generations.map(\.id) == ["codex:\(Self.oldSession):1", "codex:\(Self.oldSession):2"])
        // The second token_count repeats the first's total: it closes nothing and adds nothing.
        #expect(generations[0].usage == Usage(input: 2080, output: 210, cacheRead: 7040, reasoning: 128))
        #expect(generations[1].usage == Usage(input: 392, output: 35, cacheRead: 9088, reasoning: 0))
        let output = generations.reduce(Int64(0)) { $0 + ($1.usage?.output ?? 0) }
        let prompt = generations.reduce(Int64(0)) { $0 + ($1.usage?.promptTokens ?? 0) }
        #expect(output == 245)  // total_token_usage.output_tokens of the last event
        #expect(prompt == 18600)  // total_token_usage.input_tokens of the last event
        #expect(generations[0].endTime == Self.at("2026-05-05T10:32:15.902Z"))
        #expect(generations[1].endTime == Self.at("2026-05-05T10:32:19.050Z"))
        #expect(generations[1].startTime == Self.at("2026-05-05T10:32:17.233Z"))

        for generation in generations {
            #expect(generation.model == "gpt-5-codex")
            #expect(generation.modelParameters == ["reasoning_effort": "medium"])
            #expect(generation.traceId == "codex:\(Self.oldSession):019df7b2-2a10-7c33-8d4e-0a1b2c3d4e5f")
        }
        #expect(
            generations[0].output
                == .messages([
                    Message(
                        role: .assistant,
                        parts: [
                            .reasoning(text: "**Running tests**", signature: nil),
                            .toolCall(
                                ToolCall(
                                    id: "call_ahWfyuXHFSa3HIH5LZqHkv5B", name: "shell",
                                    arguments: [
                                        "command": ["bash", "-lc", "pytest -q"], "workdir": "/home/dev/acme-api", "timeout_ms": 120000,
                                    ])),
                        ])
                ]))

        let first = try #require(generations[0].input?.messages)
        #expect(first.map(\.role) == [.system, .developer, .user, .user])
        #expect(first[0] == .text(.system, "You are Codex, a coding agent ... (~20KB, elided)"))
        #expect(first[3] == .text(.user, "run the unit tests"))
        let second = try #require(generations[1].input?.messages)
        #expect(Array(second.prefix(4)) == first)
        #expect(second.count == 7)
        #expect(second[4] == Message(role: .assistant, parts: [.reasoning(text: "**Running tests**", signature: nil)]))
        #expect(second[6].role == .tool)
        #expect(second[6].toolResults.first?.callId == "call_ahWfyuXHFSa3HIH5LZqHkv5B")
    }

    @Test func olderRolloutToolSessionAndTrace() throws {
        let merged = try Self.old()
        let tool = try #require(merged.tools.first)
        #expect(merged.tools.count == 1)
        #expect(tool.id == "codex:\(Self.oldSession):call_ahWfyuXHFSa3HIH5LZqHkv5B")
        #expect(tool.parentId == "codex:\(Self.oldSession):1")
        #expect(tool.name == "shell")
        #expect(tool.input == .json(["command": ["bash", "-lc", "pytest -q"], "workdir": "/home/dev/acme-api", "timeout_ms": 120000]))
        // The older JSON-string answer is kept as the string it is.
        #expect(tool.output == .json(#"{"output":"3 passed in 0.41s\n","metadata":{"exit_code":0,"duration_seconds":1.3}}"#))
        #expect(tool.level == nil)

        #expect(
            merged.sessions[Self.oldSession]
                == SessionRecord(id: Self.oldSession, source: "codex", project: "/home/dev/acme-api", label: "run the unit tests"))
        let trace = try #require(merged.traces.values.first)
        #expect(merged.traces.count == 1)
        #expect(trace.input == .json("run the unit tests"))
        #expect(trace.output == .json("All 3 tests pass."))
        #expect(trace.metadata?["turnId"] == "019df7b2-2a10-7c33-8d4e-0a1b2c3d4e5f")
    }

    // MARK: - Re-reading

    /// Reading whole, or line by line with a flush after every line, or twice over, gives records
    /// that merge into the same rows.
    @Test(arguments: [realName, "codex_rollout"])
    func rereadingIsIdempotent(name: String) throws {
        let lines = try Self.lines(name)
        let whole = MergedRecords(try Self.readAll(lines))
        let flushed = MergedRecords(try Self.readAll(lines, flushEachLine: true))
        #expect(whole == flushed)
        let twice = MergedRecords(try Self.readAll(lines) + Self.readAll(lines))
        #expect(whole == twice)
        #expect(!whole.generations.isEmpty)
    }

    // MARK: - Lines refused and skipped

    @Test func malformedLineIsRefusedAndTheRestIsRead() throws {
        var lines = try Self.lines("codex_rollout")
        let clean = MergedRecords(try Self.readAll(lines))
        lines.insert(#"{"timestamp":"2026-05-05T10:32:15.000Z","type":"event_msg","payload":{"#, at: 8)
        lines.insert(
            #"{"timestamp":"2026-05-05T10:32:15.001Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":"many"}}}}"#,
            at: 9)
        lines.insert(#"[1, 2]"#, at: 10)
        lines.insert(#"{"timestamp":"2026-05-05T10:32:15.002Z","type":"response_item","payload":{"type":"function_call","arguments":"{}"}}"#, at: 11)
        lines.insert(#"{"timestamp":"yesterday","type":"turn_context","payload":{}}"#, at: 12)

        var reader = CodexRolloutReader(path: "rollout.jsonl")
        var records: [Record] = []
        var errors: [Int: String] = [:]
        for (index, line) in lines.enumerated() {
            do {
                records += try Self.read(&reader, line, number: index + 1)
            } catch {
                errors[index] = error.reason
            }
        }
        records += reader.flush()
        #expect(errors.keys.sorted() == [8, 9, 10, 11, 12])
        #expect(errors[8]?.hasPrefix("malformed JSON at column 71: ") == true, "\(errors[8] ?? "")")
        #expect(errors[9] == "payload.info.total_token_usage.input_tokens: expected an integer, got a string")
        #expect(errors[10] == "not a JSON object: got an array")
        #expect(errors[11] == "payload.name: is required")
        #expect(errors[12]?.hasPrefix("timestamp: not an ISO-8601 timestamp") == true)
        // The refused lines changed nothing.
        #expect(MergedRecords(records) == clean)
    }

    @Test func unknownLineTypesAreSkipped() throws {
        var reader = CodexRolloutReader(path: "rollout.jsonl")
        for line in [
            #"{"timestamp":"2026-05-05T10:32:15.000Z","type":"world_state","payload":{"full":true}}"#,
            #"{"timestamp":"2026-05-05T10:32:15.000Z","type":"something_new","payload":[1,2,3]}"#,
            #"{"timestamp":"2026-05-05T10:32:15.000Z","type":"response_item","payload":{"type":"ghost_snapshot","ghost_commit":{}}}"#,
            #"{"timestamp":"2026-05-05T10:32:15.000Z","type":"event_msg","payload":{"type":"exec_command_end","exit_code":0}}"#,
            #"{"no_type":true}"#,
            "   ",
        ] {
            let records = try Self.read(&reader, line)
            #expect(records.isEmpty, "\(line)")
        }
        #expect(reader.flush().isEmpty)
    }

    // MARK: - Failures and edge cases

    static let header = [
        #"{"timestamp":"2026-05-05T10:00:00.000Z","type":"session_meta","payload":{"id":"s1","cwd":"/p","cli_version":"0.150.0"}}"#,
        #"{"timestamp":"2026-05-05T10:00:01.000Z","type":"event_msg","payload":{"type":"task_started","turn_id":"t1"}}"#,
        #"{"timestamp":"2026-05-05T10:00:01.000Z","type":"turn_context","payload":{"turn_id":"t1","model":"gpt-5.2","collaboration_mode":{"settings":{"reasoning_effort":"high"}}}}"#,
        #"{"timestamp":"2026-05-05T10:00:02.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>x</environment_context>"},{"type":"input_text","text":"  fix it  "}]}}"#,
    ]

    @Test func errorAfterOutputFailsTheCall() throws {
        let records = MergedRecords(
            try Self.readAll(
                Self.header + [
                    #"{"timestamp":"2026-05-05T10:00:03.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Looking"}]}}"#,
                    #"{"timestamp":"2026-05-05T10:00:04.000Z","type":"event_msg","payload":{"type":"error","message":"stream disconnected"}}"#,
                ]))
        let generation = try #require(records.generations.first)
        #expect(generation.id == "codex:s1:1")
        #expect(generation.level == .error)
        #expect(generation.statusMessage == "stream disconnected")
        #expect(generation.usage == nil)
        #expect(generation.model == "gpt-5.2")
        #expect(generation.modelParameters == ["reasoning_effort": "high"])
        #expect(generation.input?.messages?.last == Message(role: .user, parts: [.text("<environment_context>x</environment_context>"), .text("  fix it  ")]))
        #expect(records.sessions["s1"]?.label == "fix it")
        #expect(records.traces["codex:s1:t1"]?.input == .json("fix it"))
    }

    @Test func failedShellCommandsAreErrors() throws {
        let records = MergedRecords(
            try Self.readAll(
                Self.header + [
                    #"{"timestamp":"2026-05-05T10:00:03.000Z","type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\"cmd\":\"false\"}","call_id":"c1"}}"#,
                    #"{"timestamp":"2026-05-05T10:00:03.100Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"false\"]}","call_id":"c2"}}"#,
                    #"{"timestamp":"2026-05-05T10:00:03.200Z","type":"response_item","payload":{"type":"custom_tool_call","name":"apply_patch","input":"*** Begin Patch","call_id":"c3"}}"#,
                    #"{"timestamp":"2026-05-05T10:00:04.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c1","output":"Chunk ID: 1\nWall time: 0.1 seconds\nProcess exited with code 1\nOutput:\n"}}"#,
                    #"{"timestamp":"2026-05-05T10:00:04.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c2","output":"{\"output\":\"\",\"metadata\":{\"exit_code\":2,\"duration_seconds\":0.1}}"}}"#,
                    #"{"timestamp":"2026-05-05T10:00:04.000Z","type":"response_item","payload":{"type":"custom_tool_call_output","call_id":"c3","output":"Success. Updated the following files:\nM a.txt\n"}}"#,
                    #"{"timestamp":"2026-05-05T10:00:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":100,"cached_input_tokens":0,"output_tokens":10,"reasoning_output_tokens":0,"total_tokens":110}}}}"#,
                ]))
        let tools = Dictionary(uniqueKeysWithValues: records.tools.map { ($0.id, $0) })
        #expect(tools["codex:s1:c1"]?.level == .error)
        #expect(tools["codex:s1:c2"]?.level == .error)
        #expect(tools["codex:s1:c3"]?.level == nil)
        #expect(tools["codex:s1:c3"]?.input == .json("*** Begin Patch"))
        #expect(tools.values.allSatisfy { $0.parentId == "codex:s1:1" })
        // No last_token_usage: the running total is the spend.
        #expect(records.generations.map(\.usage) == [Usage(input: 100, output: 10, cacheRead: 0, reasoning: 0)])
    }

    /// Builds without turn ids get a turn per prompt; a compaction replaces the history the next
    /// prompt is built from; a `token_count` with no output item before it is still a call.
    @Test func turnsWithoutIdsCompactionAndUsageOnlyCalls() throws {
        func tokens(_ total: Int) -> String {
            #"{"timestamp":"2026-05-05T10:00:09.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":\#(total),"cached_input_tokens":0,"output_tokens":\#(total / 10),"reasoning_output_tokens":0,"total_tokens":\#(total + total / 10)},"last_token_usage":{"input_tokens":100,"cached_input_tokens":40,"output_tokens":10,"reasoning_output_tokens":0,"total_tokens":110}}}}"#
        }
        func message(_ role: String, _ text: String) -> String {
            let type = role == "assistant" ? "output_text" : "input_text"
            return #"{"timestamp":"2026-05-05T10:00:05.000Z","type":"response_item","payload":{"type":"message","role":"\#(role)","content":[{"type":"\#(type)","text":"\#(text)"}]}}"#
        }
        let records = MergedRecords(
            try Self.readAll([
                #"{"timestamp":"2026-05-05T10:00:00.000Z","type":"session_meta","payload":{"id":"s2","base_instructions":{"text":"BASE"}}}"#,
                message("user", "first"), message("assistant", "a1"), tokens(100),
                #"{"timestamp":"2026-05-05T10:00:06.000Z","type":"compacted","payload":{"message":"sum","replacement_history":[{"type":"message","role":"user","content":[{"type":"input_text","text":"first"}]},{"type":"message","role":"user","content":[{"type":"input_text","text":"sum"}]}]}}"#,
                message("user", "second"), tokens(200), message("assistant", "a2"), tokens(300),
            ]))
        #expect(records.traces.keys.sorted() == ["codex:s2:turn-1", "codex:s2:turn-2"])
        #expect(records.traces["codex:s2:turn-1"]?.input == .json("first"))
        #expect(records.traces["codex:s2:turn-1"]?.output == .json("a1"))
        #expect(records.traces["codex:s2:turn-2"]?.input == .json("second"))
        #expect(records.traces["codex:s2:turn-2"]?.output == .json("a2"))
        #expect(records.sessions["s2"]?.label == "first")

        let generations = records.generations
        #expect(generations.map(\.id) == ["codex:s2:1", "codex:s2:2", "codex:s2:3"])
        #expect(generations.map(\.traceId) == ["codex:s2:turn-1", "codex:s2:turn-2", "codex:s2:turn-2"])
        #expect(generations.allSatisfy { $0.usage == Usage(input: 60, output: 10, cacheRead: 40, reasoning: 0) })
        let compacted: [Message] = [.text(.system, "BASE"), .text(.user, "first"), .text(.user, "sum"), .text(.user, "second")]
        #expect(generations[0].input == .messages([.text(.system, "BASE"), .text(.user, "first")]))
        #expect(generations[1].input == .messages(compacted))
        #expect(generations[1].output == nil)
        #expect(generations[2].input == .messages(compacted))
        #expect(generations[2].output == .messages([.text(.assistant, "a2")]))
    }

    @Test func sessionIdComesFromTheFileNameUntilSessionMeta() throws {
        var reader = CodexRolloutReader(path: "/h/.codex/sessions/2026/12/07/\(Self.realName).jsonl")
        let records = MergedRecords(
            try Self.read(
                &reader,
                #"{"timestamp":"2026-05-05T10:00:02.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}"#)
        )
        #expect(records.sessions[Self.realSession]?.label == "hello")
    }
}

extension Payload {
    /// The string of a `.json(.string)` payload.
    fileprivate var jsonString: String? {
        if case .json(.string(let text)) = self { return text }
        return nil
    }
}
