import TurnscopeModel

/// What the reader knows of the session itself, from `session_meta` and the first real prompt.
struct CodexSessionInfo {
    /// The thread id: from `session_meta`, else from the file name until it arrives.
    var id: String
    /// Whether `session_meta` was read. A fork's file starts with its own `session_meta`, then
    /// replays the parent's items; a later one does not change the id.
    var metaRead = false
    var cwd: String?
    var label: String?
    /// The metadata every generation carries: agent, version, cwd, git branch, provider, fork.
    var metadata: [String: JSONValue] = ["agent": "codex"]

    init(id: String) {
        self.id = id
    }

    /// Takes in the first `session_meta`.
    mutating func read(_ meta: CodexSessionMeta) {
        metaRead = true
        if let id = meta.id, !id.isEmpty { self.id = id }
        cwd = meta.cwd
        let fields: [(String, String?)] = [
            ("version", meta.version), ("cwd", meta.cwd), ("gitBranch", meta.gitBranch), ("originator", meta.originator),
            ("modelProvider", meta.provider), ("forkedFromId", meta.forkedFrom),
        ]
        for (key, value) in fields { if let value { metadata[key] = .string(value) } }
    }

    /// The thread id in a rollout's file name, `rollout-<date>T<time>-<uuid>.jsonl`.
    static func id(fromPath path: String) -> String {
        var name = Substring(path.split(separator: "/").last ?? "")
        if name.hasSuffix(".jsonl") { name = name.dropLast(6) }
        let uuid = name.suffix(36)
        let isUUID = uuid.count == 36 && uuid.filter { $0 == "-" }.count == 4 && uuid.allSatisfy { $0 == "-" || $0.isHexDigit }
        return isUUID ? String(uuid) : String(name)
    }

    /// The session record as far as it is known.
    var record: SessionRecord {
        SessionRecord(id: id, source: SessionSource.codex, project: cwd, label: label)
    }
}
