import TurnscopeModel

/// Placeholder until the mapping lands.
enum CodexEvents {
    static func records(for logs: [OTLPLogRecord]) -> [Record] { [] }
}
