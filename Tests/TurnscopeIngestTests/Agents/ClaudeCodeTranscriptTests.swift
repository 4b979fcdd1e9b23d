import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// The Claude Code transcript reader against a real 2.1.337 transcript (with the requests that
/// session really sent, `provider.jsonl`), the older format fixture of FORMATS.md §3, and small
/// hand-written transcripts for the cases neither shows: failures, sub-agents, client costs.
@Suite struct ClaudeCodeTranscriptTests {
    // MARK: - Fixtures and reading

    static let capturedSession = "08edd4c2-1759-4bfb-bbea-be6c6b23591f"
    static let capturedPath = "/home/dev/.claude/projects/-home-dev-acme/\(capturedSession).jsonl"
    static let fixtureSession = "6f1c2a9e-3b7d-4e2a-9c51-0d8e4f7a2b13"
    static let fixturePath = "/home/dev/.claude/projects/-home-dev-acme-api/\(fixtureSession).jsonl"

    static func fixture(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures/agents"))
        return try Data(contentsOf: url)
    }

    static func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static func time(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    /// Everything a reader makes of `lines`, flushed at the end (and after every line when
    /// `flushEachLine`), with the errors by line number.
    static func read(
        _ lines: [String], path: String, flushEachLine: Bool = false
    ) -> (records: [Record], errors: [Int: String]) {
        var reader = ClaudeCodeTranscriptReader(path: path)
        var records: [Record] = []
        var errors: [Int: String] = [:]
        for (index, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            let result = bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(TranscriptLineError) in
                    try reader.read(line: UnsafeRawBufferPointer(buffer), number: index + 1)
                }
            }
            switch result {
            case .success(let new): records += new
            case .failure(let error): errors[index + 1] = error.reason
            }
            if flushEachLine { records += reader.flush() }
        }
        records += reader.flush()
        return (records, errors)
    }

    static func merged(_ lines: [String], path: String) -> MergedRecords {
        MergedRecords(read(lines, path: path).records)
    }

    /// The messages of a request body as Turnscope reads any Anthropic request: the system
    /// blocks (without the billing header Claude Code adds on the wire) as one system message,
    /// then the messages, through the same normalizer the collector uses.
    static func sentPrompt(_ body: JSONValue) throws -> [Message] {
        let blocks = try #require(body["system"]?.arrayValue)
        let system = blocks.compactMap { $0["text"]?.stringValue }.filter {
            !$0.hasPrefix("x-anthropic-billing-header")
        }
        let list = try #require(body["messages"])
        let messages = try #require(PayloadNormalizer.messages(from: list))
        return [Message(role: .system, parts: system.map { .text($0) })] + messages
    }

    // MARK: - The real 2.1.337 transcript

    @Test func capturedTranscriptHasTwoGenerationsWithTheFakeProvidersUsage() throws {
        let merged = Self.merged(Self.lines(try Self.fixture(Self.capturedSession)), path: Self.capturedPath)
        let generations = merged.generations
        #expect(generations.map(\.id) == ["claude-code:msg_fake000001", "claude-code:msg_fake000003"])
        for generation in generations {
            #expect(
                generation.usage == Usage(input: 25, output: 40, cacheRead: 12_000, cacheWrite5m: 800, cacheWrite1h: 0))
            #expect(generation.model == "claude-opus-5-5")
            #expect(generation.level == nil)
            #expect(generation.cost == nil)
            #expect(generation.modelParameters?["max_tokens"] == 128_000)
            #expect(generation.modelParameters?["betas"] == nil)
            #expect(generation.modelParameters?["tools"] == nil)
            #expect(generation.metadata?["version"] == "2.1.337")
            #expect(generation.metadata?["cwd"] == "/home/dev/acme")
        }
        let first = generations[0]
        // Two lines (text, then tool_use) of one response: one generation, blocks in order.
        #expect(
            first.output
                == .messages([
                    Message(
                        role: .assistant,
                        parts: [
                            .text("Let me check."),
                            .toolCall(
                                ToolCall(
                                    id: "toolu_fake000002", name: "Bash",
                                    arguments: ["command": "echo marker-30669", "description": "Echo a marker"])),
                        ])
                ]))
        #expect(first.startTime == Self.time("2026-12-07T00:02:30.486Z"))  // the api-request line
        #expect(first.completionStartTime == Self.time("2026-12-07T00:02:30.493Z"))
        #expect(first.endTime == Self.time("2026-12-07T00:02:30.496Z"))
        #expect(first.metadata?["stopReason"] == "tool_use")
        #expect(generations[1].metadata?["stopReason"] == "end_turn")
    }

    @Test func capturedTranscriptPairsTheBashCallWithItsResult() throws {
        let merged = Self.merged(Self.lines(try Self.fixture(Self.capturedSession)), path: Self.capturedPath)
        let tools = merged.tools
        #expect(tools.count == 1)
        let bash = try #require(tools.first)
        #expect(bash.id == "claude-code:toolu_fake000002")
        #expect(bash.name == "Bash")
        #expect(bash.parentId == "claude-code:msg_fake000001")
        #expect(bash.traceId == merged.generations[0].traceId)
        #expect(bash.input == .json(["command": "echo marker-30669", "description": "Echo a marker"]))
        #expect(bash.output == .json("marker-30669"))
        #expect(bash.level == nil)
        #expect(bash.startTime == Self.time("2026-12-07T00:02:30.496Z"))
        #expect(bash.endTime == Self.time("2026-12-07T00:02:30.574Z"))
    }

    @Test func capturedTranscriptSessionAndTrace() throws {
        let merged = Self.merged(Self.lines(try Self.fixture(Self.capturedSession)), path: Self.capturedPath)
        #expect(merged.sessions.count == 1)
        let session = try #require(merged.sessions[Self.capturedSession])
        #expect(session.source == SessionSource.claudeCode)
        #expect(session.project == "/home/dev/acme")
        #expect(session.label == "Run a shell command that prints a marker, then say done.")
        #expect(abs((session.reportedCost ?? 0) - 0.0146) < 1e-9)

        let traceId = "claude-code:\(Self.capturedSession):f0922016-5295-4b9e-ac2d-526851b9af85"
        #expect(Array(merged.traces.keys) == [traceId])
        let trace = try #require(merged.traces[traceId])
        #expect(trace.name == "claude-code")
        #expect(trace.sessionId == Self.capturedSession)
        #expect(trace.timestamp == Self.time("2026-12-07T00:02:30.390Z"))
        #expect(trace.input == .json("Run a shell command that prints a marker, then say done."))
        #expect(trace.output == .json("Done: the command printed its marker."))
        #expect(merged.generations.allSatisfy { $0.traceId == traceId })
    }

    /// The prompt rebuilt from `api-request` lines is what Claude Code sent, message by message:
    /// the first request from its blobs; the second from the first request's messages plus the
    /// reply and the tool result, which the transcript holds as lines rather than blobs.
    @Test func capturedPromptsEqualTheRequestsSent() throws {
        let merged = Self.merged(Self.lines(try Self.fixture(Self.capturedSession)), path: Self.capturedPath)
        let sent = try Self.lines(try Self.fixture("provider")).map { try JSONText.parse($0) }
            .filter { $0["path"]?.stringValue?.hasPrefix("/v1/messages") == true }
            .map { try Self.sentPrompt(try #require($0["body"])) }
        #expect(sent.count == 2)
        let generations = merged.generations
        #expect(generations.count == 2)
        for (generation, expected) in zip(generations, sent) {
            let rebuilt = try #require(generation.input?.messages)
            #expect(rebuilt.map(\.role) == expected.map(\.role))
            #expect(rebuilt.count == expected.count)
            for (index, (mine, theirs)) in zip(rebuilt, expected).enumerated() {
                #expect(mine == theirs, "message \(index)")
            }
        }
        // The second prompt ends with the reply and the tool result, paired by id.
        let second = try #require(generations[1].input?.messages)
        #expect(second.map(\.role) == [.system, .user, .system, .assistant, .tool])
        #expect(second.last?.toolResults == [ToolResult(callId: "toolu_fake000002", content: "marker-30669")])
        #expect(second[3].toolCalls.map(\.id) == ["toolu_fake000002"])
    }

    // MARK: - The older fixture (FORMATS.md §3)

    @Test func fixtureMergesTheBlocksOfOneResponseWithTheLargestOutput() throws {
        let merged = Self.merged(Self.lines(try Self.fixture("claude_code_session")), path: Self.fixturePath)
        let generations = merged.generations
        #expect(
            generations.map(\.id) == [
                "claude-code:msg_01Cm1nVBboJMbQ37NvDqsiJ9", "claude-code:msg_01HnFmNDPBxSQAcSqyrBpRNA",
            ])
        let first = generations[0]
        #expect(first.usage == Usage(input: 4, output: 159, cacheRead: 22_137, cacheWrite5m: 2_285, cacheWrite1h: 0))
        #expect(
            first.output
                == .messages([
                    Message(
                        role: .assistant,
                        parts: [
                            .reasoning(text: "I should run pytest first.", signature: "EqMBCkgIBxAC..."),
                            .text("Running the test suite."),
                            .toolCall(
                                ToolCall(
                                    id: "toolu_01VbG7kX2pQ9rT4sW6yZ8aC1", name: "Bash",
                                    arguments: ["command": "pytest -q", "description": "Run unit tests"])),
                        ])
                ]))
        #expect(first.completionStartTime == Self.time("2025-10-14T09:00:03.410Z"))
        #expect(first.endTime == Self.time("2025-10-14T09:00:04.377Z"))
        // No api-request lines: the call started when the line it answers was written.
        #expect(first.startTime == Self.time("2025-10-14T09:00:00.120Z"))
        #expect(first.metadata?["requestId"] == "req_011CTaJz5ss7W9GKaVmBxwTV")
        #expect(first.metadata?["stopReason"] == "tool_use")
        #expect(first.modelParameters == nil)
        #expect(first.input == .messages([.text(.user, "run the unit tests and fix failures")]))
        #expect(
            generations[1].usage == Usage(input: 6, output: 14, cacheRead: 24_422, cacheWrite5m: 310, cacheWrite1h: 0))
    }

    @Test func fixtureRebuildsTheSecondPromptAlongTheParentChain() throws {
        let merged = Self.merged(Self.lines(try Self.fixture("claude_code_session")), path: Self.fixturePath)
        let second = try #require(merged.generations.last?.input?.messages)
        #expect(second.map(\.role) == [.user, .assistant, .tool])
        #expect(second[0] == .text(.user, "run the unit tests and fix failures"))
        // The three lines of the first response are one assistant message.
        #expect(second[1].parts.count == 3)
        #expect(second[1].toolCalls.map(\.id) == ["toolu_01VbG7kX2pQ9rT4sW6yZ8aC1"])
        #expect(
            second[2].toolResults == [
                ToolResult(callId: "toolu_01VbG7kX2pQ9rT4sW6yZ8aC1", content: "3 passed in 0.41s")
            ])

        let tool = try #require(merged.observations["claude-code:toolu_01VbG7kX2pQ9rT4sW6yZ8aC1"])
        #expect(tool.output == .json("3 passed in 0.41s"))
        #expect(tool.endTime == Self.time("2025-10-14T09:00:06.015Z"))

        // No promptId in this version: the trace is named after the prompt's line.
        let traceId = "claude-code:\(Self.fixtureSession):0b6d9c1e-1a2b-4c3d-8e4f-5a6b7c8d9e01"
        #expect(Array(merged.traces.keys) == [traceId])
        #expect(merged.traces[traceId]?.output == .json("All 3 tests pass; nothing to fix."))
        #expect(merged.sessions[Self.fixtureSession]?.label == "run the unit tests and fix failures")
        #expect(merged.sessions[Self.fixtureSession]?.project == "/home/dev/acme-api")
    }

    // MARK: - Idempotence and errors

    @Test(arguments: [capturedSession, "claude_code_session"])
    func readingLineByLineWithFlushesMergesToTheSameRecords(_ name: String) throws {
        let lines = Self.lines(try Self.fixture(name))
        let path = name == Self.capturedSession ? Self.capturedPath : Self.fixturePath
        let whole = Self.read(lines, path: path)
        let stepwise = Self.read(lines, path: path, flushEachLine: true)
        #expect(whole.errors.isEmpty)
        #expect(stepwise.errors.isEmpty)
        #expect(MergedRecords(whole.records) == MergedRecords(stepwise.records))
        // Reading the file again gives the same ids, so an import merges instead of adding.
        let again = Self.read(lines, path: path)
        #expect(Set(again.records.map(\.id)) == Set(whole.records.map(\.id)))
        #expect(MergedRecords(whole.records + again.records) == MergedRecords(whole.records))
    }

    /// A reader started at any line (a resumed import) names what it reads as a whole read does.
    /// The one thing it cannot know is a prompt it did not read: a response read before any line
    /// of its prompt goes to a trace named after the response itself.
    @Test func readingFromAnyLineGivesTheSameIds() throws {
        let lines = Self.lines(try Self.fixture(Self.capturedSession))
        let whole = Self.read(lines, path: Self.capturedPath)
        let orphanTraces = Set(
            ["msg_fake000001", "msg_fake000003"].map { "claude-code:\(Self.capturedSession):\($0)" })
        let known = Set(whole.records.map(\.id)).union(orphanTraces)
        for start in lines.indices {
            let part = Self.read(Array(lines[start...]), path: Self.capturedPath)
            #expect(part.errors.isEmpty)
            #expect(Set(part.records.map(\.id)).isSubset(of: known), "from line \(start + 1)")
        }
        // The tool result names the prompt: the last response lands in the prompt's trace.
        let tail = Self.merged(Array(lines[24...]), path: Self.capturedPath)
        #expect(tail.generations.map(\.id) == ["claude-code:msg_fake000003"])
        #expect(
            tail.generations.first?.traceId
                == "claude-code:\(Self.capturedSession):f0922016-5295-4b9e-ac2d-526851b9af85")
        #expect(
            tail.generations.first?.usage
                == Usage(input: 25, output: 40, cacheRead: 12_000, cacheWrite5m: 800, cacheWrite1h: 0))
    }

    @Test func aMalformedLineInTheMiddleIsReportedAndTheRestIsRead() throws {
        var lines = Self.lines(try Self.fixture("claude_code_session"))
        let clean = Self.merged(lines, path: Self.fixturePath)
        lines.insert("{\"type\": \"user\", \"message\": ", at: 3)
        lines.insert(#"{"type":"assistant","message":{"id":"msg_x","usage":"lots"}}"#, at: 5)
        lines.insert(#"{"type":"user","uuid":"u9","message":{"role":"user","content":7}}"#, at: 6)
        lines.insert(#"{"type":"api-request","id":"r1","tail":"abc"}"#, at: 7)
        lines.insert("[1, 2]", at: 8)
        lines.insert(#"{"type":"brand-new-line-type","payload":{"anything":true}}"#, at: 9)
        let result = Self.read(lines, path: Self.fixturePath)
        #expect(result.errors[4]?.hasPrefix("malformed JSON at column 29: ") == true, "\(result.errors)")
        #expect(result.errors[6] == "message.usage: expected an object, got a string")
        #expect(result.errors[7] == "message.content: expected a string or an array, got a number")
        #expect(result.errors[8] == "tail: expected an array, got a string")
        #expect(result.errors[9]?.hasPrefix("malformed JSON") == true)
        #expect(result.errors.count == 5)
        #expect(MergedRecords(result.records) == clean)
    }

    // MARK: - Cases the fixtures do not show

    static let session = "11111111-2222-3333-4444-555555555555"
    static let path = "/home/dev/.claude/projects/-work/\(session).jsonl"

    static func line(_ object: [String: JSONValue]) -> String {
        var object = object
        if object["sessionId"] == nil { object["sessionId"] = .string(session) }
        if object["cwd"] == nil { object["cwd"] = "/work" }
        return JSONText.string(.object(object))
    }

    static func user(
        _ uuid: String, parent: String?, _ content: JSONValue, at time: String, extra: [String: JSONValue] = [:]
    )
        -> String
    {
        var object: [String: JSONValue] = [
            "type": "user", "uuid": .string(uuid), "parentUuid": parent.map { .string($0) } ?? .null,
            "timestamp": .string(time), "message": ["role": "user", "content": content],
        ]
        object.merge(extra) { _, new in new }
        return line(object)
    }

    static func assistant(
        _ uuid: String, parent: String, id: String, model: String = "claude-sonnet-4-5", _ blocks: [JSONValue],
        at time: String,
        output: Int64 = 10, extra: [String: JSONValue] = [:]
    ) -> String {
        var object: [String: JSONValue] = [
            "type": "assistant", "uuid": .string(uuid), "parentUuid": .string(parent), "timestamp": .string(time),
            "message": [
                "id": .string(id), "role": "assistant", "model": .string(model), "content": .array(blocks),
                "usage": ["input_tokens": 3, "output_tokens": .integer(output), "cache_read_input_tokens": 100],
            ],
        ]
        object.merge(extra) { _, new in new }
        return line(object)
    }

    @Test func failedCallsAreErrorsWithoutModelOrUsageAndRetriesAreNotTurns() {
        let lines = [
            Self.user("u1", parent: nil, "fix the build", at: "2026-01-01T00:00:00Z"),
            Self.line([
                "type": "system", "subtype": "api_error", "uuid": "s1", "parentUuid": "u1",
                "timestamp": "2026-01-01T00:00:01Z",
                "level": "error", "error": ["status": 529], "retryInMs": 500, "retryAttempt": 1, "maxRetries": 10,
            ]),
            Self.assistant(
                "a1", parent: "s1", id: "e7b1c7f0-synthetic", model: "<synthetic>",
                [["type": "text", "text": "API Error: 529 overloaded"]], at: "2026-01-01T00:00:09Z", output: 0,
                extra: ["isApiErrorMessage": true]),
        ]
        let merged = Self.merged(lines, path: Self.path)
        #expect(merged.generations.count == 1)
        let failed = merged.generations[0]
        #expect(failed.id == "claude-code:e7b1c7f0-synthetic")
        #expect(failed.level == .error)
        #expect(failed.statusMessage == "API Error: 529 overloaded")
        #expect(failed.model == nil)
        #expect(failed.usage == nil)
        #expect(failed.metadata?["model"] == "<synthetic>")
        #expect(failed.input == .messages([.text(.user, "fix the build")]))
        // A failed answer is not the prompt's answer.
        #expect(merged.traces.values.first?.output == nil)
    }

    /// A request built on a failed attempt (never answered) still gets its reply and tool result
    /// from the chain; a request whose base is unknown falls back to the chain, system prompt kept.
    @Test func requestsBuildOnEarlierOnesAndFallBackToTheChain() throws {
        let request: (String, [String: JSONValue]) -> String = { id, fields in
            var object: [String: JSONValue] = [
                "type": "api-request", "id": .string(id), "shapeHash": "S", "timestamp": "2026-01-01T00:00:01Z",
                "params": ["model": "claude-sonnet-4-5", "max_tokens": 100, "betas": ["x"]],
            ]
            object.merge(fields) { _, new in new }
            return Self.line(object)
        }
        let blob: (String, JSONValue, JSONValue) -> String = { hash, role, content in
            Self.line([
                "type": "api-request-blob", "hash": .string(hash), "message": ["role": role, "content": content],
            ])
        }
        let lines = [
            Self.user("u1", parent: nil, "Q1", at: "2026-01-01T00:00:00Z", extra: ["promptId": "p1"]),
            Self.line([
                "type": "api-request-shape", "shapeHash": "S",
                "shape": ["system": [["type": "text", "text": "SYS"]], "tools": []],
            ]),
            blob(
                "b1", "user",
                [["type": "text", "text": "<system-reminder>r</system-reminder>"], ["type": "text", "text": "Q1"]]),
            request("r1", ["keep": 0, "tail": ["b1"]]),
            Self.assistant(
                "a1", parent: "u1", id: "msg_1",
                [["type": "tool_use", "id": "t1", "name": "Read", "input": ["path": "x"]]],
                at: "2026-01-01T00:00:02Z", extra: ["requestRef": "r1"]),
            Self.user(
                "u2", parent: "a1",
                [
                    [
                        "type": "tool_result", "tool_use_id": "t1",
                        "content": [["type": "text", "text": "no such file"]], "is_error": true,
                    ]
                ],
                at: "2026-01-01T00:00:03Z", extra: ["promptId": "p1"]),
            blob("b2", "system", "note"),
            request("r2", ["base": "r1", "keep": 1, "tail": ["reply-hash", "result-hash", "b2"]]),
            Self.line([
                "type": "system", "subtype": "api_error", "uuid": "s1", "parentUuid": "u2",
                "timestamp": "2026-01-01T00:00:04Z",
            ]),
            blob("b3", "user", "go on"),
            request(
                "r3",
                ["base": "r2", "keep": 4, "tail": ["b3"], "params": ["model": "claude-sonnet-4-5", "max_tokens": 200]]),
            Self.assistant(
                "a3", parent: "s1", id: "msg_3", [["type": "text", "text": "done"]], at: "2026-01-01T00:00:05Z",
                extra: ["requestRef": "r3"]),
            request("r4", ["base": "unknown", "keep": 2, "tail": []]),
            Self.assistant(
                "a4", parent: "a3", id: "msg_4", [["type": "text", "text": "really done"]], at: "2026-01-01T00:00:06Z",
                extra: ["requestRef": "r4"]),
        ]
        let merged = Self.merged(lines, path: Self.path)
        let reply = Message(
            role: .assistant, parts: [.toolCall(ToolCall(id: "t1", name: "Read", arguments: ["path": "x"]))])
        let result = Message(
            role: .tool, parts: [.toolResult(ToolResult(callId: "t1", content: "no such file", isError: true))])
        let third = try #require(merged.observations["claude-code:msg_3"])
        #expect(
            third.input
                == .messages([
                    .text(.system, "SYS"),
                    Message(role: .user, parts: [.text("<system-reminder>r</system-reminder>"), .text("Q1")]),
                    reply, result, .text(.system, "note"), .text(.user, "go on"),
                ]))
        #expect(third.modelParameters == ["model": "claude-sonnet-4-5", "max_tokens": 200])
        let fourth = try #require(merged.observations["claude-code:msg_4"])
        #expect(
            fourth.input
                == .messages([.text(.system, "SYS"), .text(.user, "Q1"), reply, result, .text(.assistant, "done")]))
        #expect(fourth.modelParameters == ["model": "claude-sonnet-4-5", "max_tokens": 100])
        #expect(merged.observations["claude-code:t1"]?.level == .error)
        #expect(merged.observations["claude-code:t1"]?.output == .json("no such file"))
        #expect(merged.generations.count == 3)
    }

    @Test func olderLinesCarryTheClientsCost() {
        let lines = [
            Self.user("u1", parent: nil, "hello", at: "2025-03-01T00:00:00Z"),
            Self.assistant(
                "a1", parent: "u1", id: "msg_1", [["type": "text", "text": "Hi."]], at: "2025-03-01T00:00:02Z",
                extra: ["costUSD": 0.0042]),
        ]
        let merged = Self.merged(lines, path: Self.path)
        #expect(merged.generations.first?.cost == Cost(total: 0.0042))
        #expect(merged.generations.first?.usage == Usage(input: 3, output: 10, cacheRead: 100))
    }

    @Test func subagentFilesGetATraceOfTheirOwnAndDoNotLabelTheSession() {
        let agentPath = "/home/dev/.claude/projects/-work/\(Self.session)/subagents/agent-a7f3.jsonl"
        let sidechain: [String: JSONValue] = ["isSidechain": true, "agentId": "a7f3"]
        let lines = [
            Self.user("s1", parent: nil, "Find every caller of parse()", at: "2026-01-01T00:00:00Z", extra: sidechain),
            Self.assistant(
                "s2", parent: "s1", id: "msg_agent_1", [["type": "text", "text": "Three callers."]],
                at: "2026-01-01T00:00:03Z",
                extra: sidechain),
        ]
        let merged = Self.merged(lines, path: agentPath)
        let traceId = "claude-code:\(Self.session):agent:a7f3"
        #expect(Array(merged.traces.keys) == [traceId])
        #expect(merged.traces[traceId]?.name == "subagent")
        #expect(merged.traces[traceId]?.sessionId == Self.session)
        #expect(merged.traces[traceId]?.input == .json("Find every caller of parse()"))
        let generation = merged.generations.first
        #expect(generation?.traceId == traceId)
        #expect(generation?.metadata?["isSidechain"] == true)
        #expect(generation?.metadata?["agentId"] == "a7f3")
        #expect(merged.sessions[Self.session]?.label == nil)
        #expect(merged.sessions[Self.session]?.project == "/work")
    }

    /// Very old versions wrote side chains into the session file without an agent id: they stay in
    /// the prompt's trace and their task is not taken for a prompt.
    @Test func sideChainsWithoutAnAgentIdStayInThePromptsTrace() {
        let sidechain: [String: JSONValue] = ["isSidechain": true]
        let lines = [
            Self.user("u1", parent: nil, "main task", at: "2025-01-01T00:00:00Z"),
            Self.assistant(
                "a1", parent: "u1", id: "msg_main", [["type": "text", "text": "main done"]], at: "2025-01-01T00:00:01Z"),
            Self.user("s1", parent: nil, "sub task", at: "2025-01-01T00:00:02Z", extra: sidechain),
            Self.assistant(
                "s2", parent: "s1", id: "msg_side", [["type": "text", "text": "sub done"]], at: "2025-01-01T00:00:03Z",
                extra: sidechain),
        ]
        let merged = Self.merged(lines, path: Self.path)
        let traceId = "claude-code:\(Self.session):u1"
        #expect(Array(merged.traces.keys) == [traceId])
        #expect(merged.traces[traceId]?.output == .json("main done"))
        #expect(merged.generations.map(\.traceId) == [traceId, traceId])
        #expect(merged.observations["claude-code:msg_side"]?.metadata?["isSidechain"] == true)
        #expect(merged.observations["claude-code:msg_side"]?.input == .messages([.text(.user, "sub task")]))
        #expect(merged.sessions[Self.session]?.label == "main task")
    }

    @Test func aReplayedResponseIsOneGenerationAndLabelsSkipInjectedText() {
        let block: [JSONValue] = [["type": "text", "text": "Done."]]
        let lines = [
            Self.user(
                "m1", parent: nil, "<command-name>/clear</command-name>\n<command-message>clear</command-message>",
                at: "2026-01-01T00:00:00Z"),
            Self.user("m2", parent: "m1", "<local-command-stdout></local-command-stdout>", at: "2026-01-01T00:00:00Z"),
            Self.user("m3", parent: "m2", "Caveat: injected", at: "2026-01-01T00:00:00Z", extra: ["isMeta": true]),
            Self.user(
                "m4", parent: "m3",
                .array([
                    ["type": "text", "text": "<system-reminder>be nice</system-reminder>"],
                    ["type": "text", "text": "  Tidy the README  "],
                ]),
                at: "2026-01-01T00:00:01Z"),
            Self.assistant("m5", parent: "m4", id: "msg_same", block, at: "2026-01-01T00:00:02Z"),
            // A resumed session copies the exchange with the same message id.
            Self.user("c1", parent: nil, "Tidy the README", at: "2026-01-01T00:05:00Z"),
            Self.assistant("c2", parent: "c1", id: "msg_same", block, at: "2026-01-01T00:05:01Z"),
        ]
        let merged = Self.merged(lines, path: Self.path)
        #expect(merged.generations.map(\.id) == ["claude-code:msg_same"])
        #expect(merged.sessions[Self.session]?.label == "Tidy the README")
        // The reminder stays in the prompt: it is what the model was sent.
        #expect(
            merged.generations.first?.input?.messages?.last
                == Message(
                    role: .user,
                    parts: [.text("<system-reminder>be nice</system-reminder>"), .text("  Tidy the README  ")]))
    }

    @Test func linesWithoutASessionIdTakeTheFilesSession() {
        var first = Self.user("u1", parent: nil, "hello", at: "2026-01-01T00:00:00Z")
        first = first.replacingOccurrences(of: "\"sessionId\":\"\(Self.session)\",", with: "")
        #expect(!first.contains("sessionId"))
        let lines = [
            first,
            Self.assistant(
                "a1", parent: "u1", id: "msg_1", [["type": "text", "text": "Hi."]], at: "2026-01-01T00:00:01Z"),
        ]
        let merged = Self.merged(lines, path: Self.path)
        #expect(Array(merged.traces.keys) == ["claude-code:\(Self.session):u1"])
        #expect(merged.sessions[Self.session]?.label == "hello")
    }
}
