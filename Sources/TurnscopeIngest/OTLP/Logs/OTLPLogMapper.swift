import TurnscopeModel

/// Sends each log record to the mapping of its family, keeping the export's order within a family
/// (the mappings pair records that follow each other: a call's usage with its request).
enum OTLPLogMapper {
    /// The families whose events become records.
    enum Family: CaseIterable {
        case claudeCode, codex, geminiCLI, genAI
    }

    /// The records all families make of one export's log records.
    static func records(for logs: [OTLPLogRecord]) -> [Record] {
        var byFamily: [Family: [OTLPLogRecord]] = [:]
        for log in logs {
            guard let family = family(of: log) else { continue }
            byFamily[family, default: []].append(log)
        }
        var records: [Record] = []
        for family in Family.allCases {
            guard let logs = byFamily[family] else { continue }
            switch family {
            case .claudeCode: records += ClaudeCodeEvents.records(for: logs)
            case .codex: records += CodexEvents.records(for: logs)
            case .geminiCLI: records += GeminiCLIEvents.records(for: logs)
            case .genAI: records += GenAIEvents.records(for: logs)
            }
        }
        return records
    }

    /// The family of a record, from its event name (and, for Gemini CLI's GenAI twins, its
    /// service); nil for records no mapping reads.
    static func family(of log: OTLPLogRecord) -> Family? {
        let name = log.name
        if name.hasPrefix("claude_code.") { return .claudeCode }
        if name.hasPrefix("codex.") { return .codex }
        if name.hasPrefix("gemini_cli.") { return .geminiCLI }
        if name.hasPrefix("gen_ai.") {
            return OTLPValues.text(log.source.resourceAttributes["service.name"]) == "gemini-cli" ? .geminiCLI : .genAI
        }
        return nil
    }
}
