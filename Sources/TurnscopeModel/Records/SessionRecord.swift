/// What a source knows about a session itself rather than about its traces: where it came from,
/// which project it belongs to, its label, and the cost its own client reported.
///
/// Coding agents write these (a Claude Code or Codex transcript names its working directory and
/// its first real prompt); other sources send none, and their sessions are described by the
/// traces in them. Every field but `id` may be missing: a later record fills in what an earlier
/// one did not know.
public struct SessionRecord: Sendable, Hashable {
    /// The session id, the same one traces name in `sessionId`.
    public var id: String
    /// Where the session's turns come from: `claude-code`, `codex`, … (see `SessionSource`).
    public var source: String?
    /// The project the session worked in, usually the agent's working directory.
    public var project: String?
    /// A human label that wins over the automatic one (the first real user prompt of an agent,
    /// not a system reminder or a slash command).
    public var label: String?
    /// The session's cost as the client itself counts it (Claude Code's `cost-state` running
    /// total), shown beside Turnscope's own sum so a disagreement is visible.
    public var reportedCost: Double?

    public init(
        id: String, source: String? = nil, project: String? = nil, label: String? = nil, reportedCost: Double? = nil
    ) {
        self.id = id
        self.source = source
        self.project = project
        self.label = label
        self.reportedCost = reportedCost
    }
}
