import TurnscopeModel

/// Reads one coding agent's transcript file, a line at a time, into records.
///
/// Transcripts are not one record per line: Claude Code writes one line per content block of a
/// response and refers back to earlier requests, and Codex closes a model call with a later
/// `token_count` event. A reader therefore keeps what later lines need, and it is pure: bytes in,
/// records out, no files, clocks or SQL. Record ids derive only from the agent's own ids, so
/// reading a file again, whole or from any line on, produces records that merge into the same
/// rows instead of counting twice.
public protocol TranscriptReader {
    /// Reads one complete line, without its newline. Returns the records this line completes or
    /// changes: records already returned may come again with more filled in, which the store
    /// merges. Line types the reader does not know are skipped without an error, because the
    /// agents add new ones every few weeks.
    ///
    /// - Throws: `TranscriptLineError` when the line is not a JSON object, or a field the reader
    ///   needs has the wrong type; the reader's state is unchanged and later lines read as usual.
    mutating func read(line: UnsafeRawBufferPointer, number: Int) throws(TranscriptLineError) -> [Record]

    /// Hands out the records held back because later lines may still add to them (the further
    /// content blocks of one response). The caller flushes when it has read everything written
    /// so far; a line that arrives later updates the same records.
    mutating func flush() -> [Record]
}

/// Why one transcript line was skipped.
public struct TranscriptLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `malformed JSON at column 12: …` or `message.usage: expected an object`.
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
