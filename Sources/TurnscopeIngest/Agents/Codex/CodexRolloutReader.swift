import TurnscopeModel

/// Reads a Codex CLI rollout (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<thread id>.jsonl`) into
/// a session, one trace per turn, one generation per model call and one tool observation per tool
/// call (see FORMATS.md §4).
///
/// A rollout has no line per model call: the items the model wrote are written one by one, and a
/// later `token_count` event reports the call's usage. The reader therefore keeps the open call
/// and the conversation so far (to rebuild each call's prompt as it was sent), and hands the call
/// out when its `token_count` arrives, or in `flush()` without usage when it has not yet.
/// `token_count` events that repeat the previous running total are re-emits and are skipped, and
/// the `token_usage_record` lines of newer builds, which repeat the same usage, are not counted
/// again.
///
/// Ids come from Codex's own: the session is the thread id, a trace is `codex:<thread>:<turn_id>`,
/// a generation `codex:<thread>:<n>` (n counts the file's model calls from 1), a tool observation
/// `codex:<thread>:<call_id>`. Reading the same file again from its first line gives the same
/// records.
public struct CodexRolloutReader: TranscriptReader {
    private var rollout: CodexRollout

    /// A reader for the rollout at `path`; the file name gives the thread id until `session_meta`
    /// names it.
    public init(path: String) {
        rollout = CodexRollout(sessionId: CodexSessionInfo.id(fromPath: path))
    }

    /// Reads one line; see `TranscriptReader.read(line:number:)`.
    public mutating func read(line: UnsafeRawBufferPointer, number: Int) throws(TranscriptLineError) -> [Record] {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return [] }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            // The caller names the line; within it, the column is what helps.
            throw TranscriptLineError("malformed JSON at column \(error.column): \(error.reason)")
        }
        // Decoding checks every field before anything is applied, so a refused line leaves the
        // reader as it was.
        let decoded: (time: Timestamp?, event: CodexEvent)
        do {
            decoded = try CodexLine.decode(value)
        } catch {
            throw TranscriptLineError(error.description)
        }
        return rollout.apply(decoded.event, at: decoded.time)
    }

    /// Hands out the open model call (without usage until its `token_count` arrives), the turn's
    /// latest state and the tool calls still waiting for an answer.
    public mutating func flush() -> [Record] {
        rollout.flush()
    }
}
