import Foundation
import TurnscopeModel

/// The JSON Lines formats `turnscope import` recognises by their content.
public enum TranscriptFormat: String, Sendable, Hashable {
    /// A Claude Code session transcript (`~/.claude/projects/<project>/<session>.jsonl`).
    case claudeCode = "claude-code"
    /// A Codex CLI rollout (`~/.codex/sessions/YYYY/MM/DD/rollout-….jsonl`).
    case codex
    /// Turnscope's own records (docs/native-format.md).
    case native

    /// The format of a file whose first non-blank line is `line`, or nil when it is none of them.
    ///
    /// One line decides: Codex lines are `{"timestamp", "type", "payload"}` envelopes of its own
    /// item types, native lines name a record type, and Claude Code lines name one of its line
    /// types or carry a `sessionId`.
    public static func detect(firstLine line: UnsafeRawBufferPointer) -> TranscriptFormat? {
        guard let object = try? JSONParser.parse(line).objectValue else { return nil }
        let type = object["type"]?.stringValue
        if object["payload"] != nil, let type, codexTypes.contains(type) { return .codex }
        if let type, nativeTypes.contains(type), object["id"] != nil { return .native }
        if let type, claudeTypes.contains(type) { return .claudeCode }
        if object["sessionId"] != nil { return .claudeCode }
        return nil
    }

    /// The format of the file holding `data`, by its first non-blank line.
    public static func detect(_ data: Data) -> TranscriptFormat? {
        data.withUnsafeBytes { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { return detect(firstLine: line) }
                start = end + 1
            }
            return nil
        }
    }

    /// A fresh reader for one file of this format; nil for native files, which decode line by line.
    public func reader(path: String) -> (any TranscriptReader)? {
        switch self {
        case .claudeCode: ClaudeCodeTranscriptReader(path: path)
        case .codex: CodexRolloutReader(path: path)
        case .native: nil
        }
    }

    private static let codexTypes: Set<String> = [
        "session_meta", "turn_context", "response_item", "event_msg", "compacted", "token_usage_record", "world_state",
    ]
    private static let nativeTypes: Set<String> = ["trace", "observation", "score", "session"]
    private static let claudeTypes: Set<String> = [
        "user", "assistant", "system", "summary", "file-history-snapshot", "queue-operation", "progress", "attachment",
        "ai-title", "api-request", "api-request-blob", "api-request-shape", "api-request-route", "cost-state",
        "last-prompt", "tools-used", "atis-latch", "mode",
    ]
}
