import TurnscopeModel

/// Reads a Codex rollout. (Placeholder: being written.)
public struct CodexRolloutReader: TranscriptReader {
    public init(path: String) {}
    public mutating func read(line: UnsafeRawBufferPointer, number: Int) throws(TranscriptLineError) -> [Record] { [] }
    public mutating func flush() -> [Record] { [] }
}
