import TurnscopeModel

/// Reads a Claude Code transcript. (Placeholder: being written.)
public struct ClaudeCodeTranscriptReader: TranscriptReader {
    public init(path: String) {}
    public mutating func read(line: UnsafeRawBufferPointer, number: Int) throws(TranscriptLineError) -> [Record] { [] }
    public mutating func flush() -> [Record] { [] }
}
