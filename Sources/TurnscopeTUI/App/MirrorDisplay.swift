import TurnscopeModel

/// What the header says about the Langfuse mirror.
public enum MirrorDisplay: Sendable, Equatable {
    /// The mirror is off in this process: nothing leaves the machine.
    case off
    /// This process mirrors to `host`: the header counts what is pending and failed.
    case on(host: String)
    /// Another process may mirror this database (`turnscope view`): the header shows the outbox
    /// when it has entries, and nothing otherwise.
    case fromDatabase

    /// The header text for these outbox counts; nil when there is nothing to say.
    public func status(_ counts: MirrorCounts?) -> String? {
        switch self {
        case .off: return "mirror off"
        case .on(let host): return Self.line(host: host, counts)
        case .fromDatabase:
            guard let counts, counts.pending + counts.sent + counts.failed > 0 else { return nil }
            return Self.line(host: counts.destination ?? "langfuse", counts)
        }
    }

    /// `⇡ cloud.langfuse.com · 3 pending · 1 failed`, or `⇡ cloud.langfuse.com ✓` when all is upstream.
    private static func line(host: String, _ counts: MirrorCounts?) -> String {
        let name = host.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        var parts = ["⇡ " + TerminalText.truncate(name, to: 28)]
        guard let counts else { return parts[0] }
        if counts.pending > 0 { parts.append("\(counts.pending) pending") }
        if counts.failed > 0 { parts.append("\(counts.failed) failed") }
        if parts.count == 1 { return parts[0] + (counts.lastError == nil || counts.sent > 0 ? " ✓" : "") }
        return parts.joined(separator: " · ")
    }
}
