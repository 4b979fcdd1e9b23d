import TurnscopeModel

/// Placeholder until the mapping lands.
enum ClaudeCodeEvents {
    static func records(for logs: [OTLPLogRecord]) -> [Record] { [] }
}
