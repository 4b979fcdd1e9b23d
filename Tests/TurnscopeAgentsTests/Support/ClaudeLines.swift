import Foundation
import TurnscopeModel

/// Claude Code transcript lines for tests: a typed prompt, and a response written one line per
/// content block with the usage repeated, as Claude Code writes them.
struct ClaudeLines {
    var session: String
    var cwd = "/home/dev/acme"
    private var clock = 0

    init(session: String) {
        self.session = session
    }

    private mutating func envelope(_ type: String, uuid: String, parent: String?) -> [String: JSONValue] {
        clock += 1
        return [
            "type": .string(type), "uuid": .string(uuid), "parentUuid": parent.map(JSONValue.string) ?? .null,
            "sessionId": .string(session), "cwd": .string(cwd), "version": "2.0.14", "isSidechain": false,
            "timestamp": .string(Timestamp(microseconds: 1_796_000_000_000_000 + Int64(clock) * 1_000_000).iso8601),
        ]
    }

    /// A typed prompt.
    mutating func prompt(_ text: String, uuid: String, parent: String? = nil) -> String {
        var line = envelope("user", uuid: uuid, parent: parent)
        line["promptId"] = .string("prompt-" + uuid)
        line["message"] = ["role": "user", "content": .string(text)]
        return JSONValue.object(line).jsonString
    }

    /// One line of a response: block `text` of message `id`, with `output` tokens reported.
    mutating func answer(
        _ text: String, id: String, uuid: String, parent: String, output: Int64, final: Bool = true
    ) -> String {
        var line = envelope("assistant", uuid: uuid, parent: parent)
        line["message"] = [
            "id": .string(id), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
            "content": [["type": "text", "text": .string(text)]], "stop_reason": final ? "end_turn" : .null,
            "usage": ["input_tokens": 10, "cache_read_input_tokens": 1000, "cache_creation_input_tokens": 100, "output_tokens": .integer(output)],
        ]
        return JSONValue.object(line).jsonString
    }
}

/// A temporary folder removed by `remove()`.
struct Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-agents-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` (folders created), replacing what was there.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Appends `text` to `name`.
    func append(_ name: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/" + name))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
