import TurnscopeModel

/// Placeholder until the mapping lands.
enum GeminiCLIEvents {
    static func records(for logs: [OTLPLogRecord]) -> [Record] { [] }
}
