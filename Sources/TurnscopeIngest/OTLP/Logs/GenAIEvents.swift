import TurnscopeModel

/// Placeholder until the mapping lands.
enum GenAIEvents {
    static func records(for logs: [OTLPLogRecord]) -> [Record] { [] }
}
