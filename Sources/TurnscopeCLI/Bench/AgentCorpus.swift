import Foundation
import TurnscopeModel

/// A generated tree of Claude Code and Codex transcripts that knows its own true totals, for
/// `turnscope bench agents`.
///
/// It reproduces what makes real transcripts hard to count and heavy to store: Claude Code's one
/// line per content block with the usage repeated (a placeholder output count on the early lines),
/// recent versions' `api-request` lines holding each prompt again, tool results of kilobytes
/// written twice (`toolUseResult`), conversations that grow with every call, subagent files, and
/// Codex's re-emitted `token_count` events. Everything derives from a seed, so runs compare.
struct AgentCorpus {
    /// What the corpus holds, as the importer should count it.
    struct Totals: Codable, Equatable {
        var turns = 0
        var sessions = 0
        var input: Int64 = 0
        var output: Int64 = 0
        var cacheRead: Int64 = 0
        var cacheWrite: Int64 = 0
        var files = 0
        var bytes: Int64 = 0
    }

    let directory: String
    private var random: SeededRandom
    private(set) var totals = Totals()

    init(directory: String, seed: UInt64 = 42) {
        self.directory = directory
        random = SeededRandom(seed: seed)
    }

    /// The Claude Code config home and the Codex home inside the corpus.
    var claudeHome: String { directory + "/claude" }
    var codexHome: String { directory + "/codex" }

    /// Writes sessions until the corpus holds about `megabytes` MB: three Claude Code sessions for
    /// each Codex one, every fourth Claude session with a subagent.
    mutating func generate(megabytes: Int) throws {
        let target = Int64(megabytes) << 20
        var index = 0
        while totals.bytes < target {
            if index % 4 == 3 {
                try writeCodexSession(index)
            } else {
                try writeClaudeSession(index, recent: index % 3 == 0)
            }
            index += 1
        }
    }

    // MARK: Claude Code

    private mutating func writeClaudeSession(_ index: Int, recent: Bool) throws {
        let session = Self.uuid(index, 0xC1A0)
        let cwd = "/home/dev/project-\(index % 17)"
        let folder = claudeHome + "/projects/" + cwd.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        var file = try LineFile(path: folder + "/\(session).jsonl")
        let version = recent ? "2.1.337" : "2.0.14"
        var parent: String?
        var history: [JSONValue] = []
        var requestId: String?
        // Recent versions: messages the last request sent, and blobs written since.
        var sentCount = 0
        var unsent: [JSONValue] = []
        let calls = 20 + random.next(below: 120)
        var pendingTool: (id: String, text: String)?
        var line = 0
        func envelope(_ type: String, _ uuid: String, _ extra: [String: JSONValue]) -> JSONValue {
            var object = extra
            object["type"] = .string(type)
            object["uuid"] = .string(uuid)
            object["parentUuid"] = parent.map(JSONValue.string) ?? .null
            object["sessionId"] = .string(session)
            object["cwd"] = .string(cwd)
            object["version"] = .string(version)
            object["gitBranch"] = "main"
            object["isSidechain"] = false
            object["userType"] = "external"
            object["timestamp"] = .string(Self.time(index, line))
            return .object(object)
        }
        for call in 0..<calls {
            // The prompt's newest message: a typed prompt, or the result of the last tool call.
            line += 1
            let userUUID = Self.uuid(index, 0x1000_0000 + line)
            let userMessage: JSONValue
            var extra: [String: JSONValue] = [:]
            if let tool = pendingTool {
                userMessage = ["role": "user", "content": [["type": "tool_result", "tool_use_id": .string(tool.id), "content": .string(tool.text), "is_error": false]]]
                extra["toolUseResult"] = ["stdout": .string(tool.text), "stderr": "", "interrupted": false, "isImage": false]
            } else {
                userMessage = ["role": "user", "content": .string(random.sentence(words: 8 + random.next(below: 30)))]
                extra["promptId"] = .string(Self.uuid(index, 0x2000_0000 + call))
            }
            extra["message"] = userMessage
            try file.write(envelope("user", userUUID, extra))
            parent = userUUID
            history.append(userMessage)
            if recent {
                // The request as sent: the previous request's messages kept, the new one appended.
                let hash = String(format: "%016llx%016llx", UInt64(index), UInt64(line))
                try file.write(["type": "api-request-blob", "sessionId": .string(session), "hash": .string(hash), "message": userMessage])
                unsent.append(.string(hash))
                let id = Self.uuid(index, 0x3000_0000 + call)
                var request: [String: JSONValue] = [
                    "type": "api-request", "sessionId": .string(session), "id": .string(id), "timestamp": .string(Self.time(index, line)),
                    "version": .string(version), "params": ["model": "claude-sonnet-4-5-20250929", "max_tokens": 32000],
                    "keep": .integer(Int64(sentCount)), "tail": .array(unsent),
                ]
                sentCount += unsent.count
                unsent = []
                if let requestId { request["base"] = .string(requestId) }
                try file.write(.object(request))
                requestId = id
            }
            // The response: thinking, text and maybe a tool call, one line each, usage repeated.
            let messageId = "msg_\(session.prefix(8))_\(call)"
            let usesTool = call + 1 < calls && random.next(below: 8) != 0
            let input = Int64(3 + random.next(below: 40))
            let cacheWrite = Int64(200 + random.next(below: 3000))
            let cacheRead = Int64(10_000 + history.count * 900)
            let output = Int64(60 + random.next(below: 900))
            var blocks: [JSONValue] = [
                ["type": "thinking", "thinking": .string(random.sentence(words: 20 + random.next(below: 60))), "signature": "c2lnbmF0dXJl"],
                ["type": "text", "text": .string(random.sentence(words: 10 + random.next(below: 80)))],
            ]
            pendingTool = nil
            if usesTool {
                let toolId = "toolu_\(session.prefix(8))_\(call)"
                blocks.append(["type": "tool_use", "id": .string(toolId), "name": "Bash", "input": ["command": .string("cat src/file\(call).swift"), "description": "Read a file"]])
                pendingTool = (toolId, random.paragraphs(bytes: 1024 + random.next(below: 24 * 1024)))
            }
            for (position, block) in blocks.enumerated() {
                line += 1
                let isLast = position == blocks.count - 1
                let usage: JSONValue = [
                    "input_tokens": .integer(input), "cache_creation_input_tokens": .integer(cacheWrite),
                    "cache_read_input_tokens": .integer(cacheRead), "output_tokens": .integer(isLast ? output : 1),
                    "cache_creation": ["ephemeral_5m_input_tokens": .integer(cacheWrite), "ephemeral_1h_input_tokens": 0],
                ]
                let message: JSONValue = [
                    "id": .string(messageId), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                    "content": [block], "stop_reason": isLast ? (usesTool ? "tool_use" : "end_turn") : .null,
                    "stop_sequence": .null, "usage": usage,
                ]
                var extra: [String: JSONValue] = ["message": message, "requestId": .string("req_\(session.prefix(8))_\(call)")]
                if let requestId { extra["requestRef"] = .string(requestId) }
                let uuid = Self.uuid(index, 0x4000_0000 + line)
                try file.write(envelope("assistant", uuid, extra))
                parent = uuid
            }
            history.append(["role": "assistant", "content": .array(blocks)])
            if recent {
                let hash = String(format: "%016llx%016llx", UInt64(index), UInt64(0x8000_0000 + line))
                try file.write(["type": "api-request-blob", "sessionId": .string(session), "hash": .string(hash), "message": history.last!])
                unsent.append(.string(hash))
            }
            totals.turns += 1
            totals.input += input
            totals.output += output
            totals.cacheRead += cacheRead
            totals.cacheWrite += cacheWrite
        }
        try finish(&file)
        if index % 4 == 0 { try writeSubagent(of: session, index: index, cwd: cwd, folder: folder) }
        totals.sessions += 1
    }

    /// A subagent's transcript in `<session>/subagents/`: the parent's session id, `isSidechain`.
    private mutating func writeSubagent(of session: String, index: Int, cwd: String, folder: String) throws {
        let agent = String(format: "a%07x", index)
        var file = try LineFile(path: folder + "/\(session)/subagents/agent-\(agent).jsonl")
        var parent: String?
        for call in 0..<(3 + random.next(below: 4)) {
            let userUUID = Self.uuid(index, 0x5000_0000 + call)
            let user: JSONValue = [
                "type": "user", "uuid": .string(userUUID), "parentUuid": parent.map(JSONValue.string) ?? .null,
                "sessionId": .string(session), "isSidechain": true, "agentId": .string(agent), "cwd": .string(cwd),
                "version": "2.0.14", "timestamp": .string(Self.time(index, 10_000 + call * 2)),
                "message": ["role": "user", "content": .string(random.sentence(words: 12))],
            ]
            try file.write(user)
            let input = Int64(5 + random.next(below: 20))
            let output = Int64(40 + random.next(below: 300))
            let uuid = Self.uuid(index, 0x6000_0000 + call)
            let assistant: JSONValue = [
                "type": "assistant", "uuid": .string(uuid), "parentUuid": .string(userUUID), "sessionId": .string(session),
                "isSidechain": true, "agentId": .string(agent), "cwd": .string(cwd), "version": "2.0.14",
                "timestamp": .string(Self.time(index, 10_001 + call * 2)),
                "message": [
                    "id": .string("msg_\(agent)_\(call)"), "type": "message", "role": "assistant",
                    "model": "claude-haiku-4-5-20251001", "content": [["type": "text", "text": .string(random.sentence(words: 40))]],
                    "stop_reason": "end_turn", "stop_sequence": .null,
                    "usage": ["input_tokens": .integer(input), "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0, "output_tokens": .integer(output)],
                ],
            ]
            try file.write(assistant)
            parent = uuid
            totals.turns += 1
            totals.input += input
            totals.output += output
        }
        try finish(&file)
    }

    // MARK: Codex

    private mutating func writeCodexSession(_ index: Int) throws {
        let session = Self.uuid(index, 0xC0DE)
        let day = String(format: "2026/%02d/%02d", 11 + index % 2, 1 + index % 28)
        var file = try LineFile(path: codexHome + "/sessions/\(day)/rollout-2026-11-01T00-00-00-\(session).jsonl")
        var line = 0
        func write(_ type: String, _ payload: JSONValue) throws {
            line += 1
            try file.write(["timestamp": .string(Self.time(index, line)), "type": .string(type), "payload": payload])
        }
        try write("session_meta", [
            "id": .string(session), "timestamp": .string(Self.time(index, 0)), "cwd": .string("/home/dev/service-\(index % 5)"),
            "originator": "codex_cli_rs", "cli_version": "0.163.0", "source": "cli", "model_provider": "openai",
            "base_instructions": ["text": .string(random.paragraphs(bytes: 4096))],
        ])
        var total = (input: Int64(0), cached: Int64(0), output: Int64(0), reasoning: Int64(0))
        let prompts = 2 + random.next(below: 6)
        for prompt in 0..<prompts {
            let turn = Self.uuid(index, 0x7000_0000 + prompt)
            try write("turn_context", ["turn_id": .string(turn), "cwd": "/home/dev", "model": "gpt-5.1-codex", "effort": "medium"])
            try write("response_item", ["type": "message", "role": "user", "content": [["type": "input_text", "text": .string(random.sentence(words: 15))]]])
            let calls = 2 + random.next(below: 8)
            for call in 0..<calls {
                let last = call == calls - 1
                try write("response_item", ["type": "reasoning", "summary": [["type": "summary_text", "text": .string(random.sentence(words: 20))]], "encrypted_content": "gAAAA"])
                let callId = "call_\(index)_\(prompt)_\(call)"
                if last {
                    try write("response_item", ["type": "message", "role": "assistant", "content": [["type": "output_text", "text": .string(random.sentence(words: 50))]]])
                } else {
                    try write("response_item", ["type": "function_call", "name": "exec_command", "arguments": .string("{\"cmd\":\"rg -n TODO src\"}"), "call_id": .string(callId)])
                }
                let input = Int64(4000 + random.next(below: 20_000))
                let cached = input * Int64(random.next(below: 90)) / 100
                let output = Int64(50 + random.next(below: 700))
                let reasoning = output / 3
                total = (total.input + input, total.cached + cached, total.output + output, total.reasoning + reasoning)
                let usage: (Int64, Int64, Int64, Int64) -> JSONValue = { input, cached, output, reasoning in
                    ["input_tokens": .integer(input), "cached_input_tokens": .integer(cached), "output_tokens": .integer(output),
                     "reasoning_output_tokens": .integer(reasoning), "total_tokens": .integer(input + output)]
                }
                let count: JSONValue = ["type": "token_count", "info": [
                    "total_token_usage": usage(total.input, total.cached, total.output, total.reasoning),
                    "last_token_usage": usage(input, cached, output, reasoning), "model_context_window": 272_000,
                ]]
                try write("event_msg", count)
                if random.next(below: 3) == 0 { try write("event_msg", count) }  // a re-emit: counts once
                if !last {
                    try write("response_item", ["type": "function_call_output", "call_id": .string(callId), "output": .string(random.paragraphs(bytes: 512 + random.next(below: 8192)))])
                }
                totals.turns += 1
                totals.input += input - cached
                totals.cacheRead += cached
                totals.output += output
            }
        }
        try finish(&file)
        totals.sessions += 1
    }

    private mutating func finish(_ file: inout LineFile) throws {
        try file.close()
        totals.files += 1
        totals.bytes += file.bytes
    }

    // MARK: Values

    /// A UUID-shaped id unique to `(index, salt)`.
    static func uuid(_ index: Int, _ salt: Int) -> String {
        String(
            format: "%08x-%04x-4%03x-8%03x-%012llx", UInt32(truncatingIfNeeded: index &* 2_654_435_761),
            salt & 0xffff, (salt >> 16) & 0xfff, (salt >> 28) & 0xf, UInt64(index) << 32 | UInt64(UInt32(truncatingIfNeeded: salt)))
    }

    static func time(_ index: Int, _ line: Int) -> String {
        Timestamp(microseconds: 1_793_000_000_000_000 + Int64(index) * 3_600_000_000 + Int64(line) * 1_500_000).iso8601
    }
}
