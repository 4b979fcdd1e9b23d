import TurnscopeModel

/// What has been said of each session the transcript names, so that a `SessionRecord` goes out
/// when something new is known (its project, its label) and not on every line.
struct ClaudeSessions {
    private struct Known {
        var project: String?
        var labelled = false
    }

    private var known: [String: Known] = [:]

    /// A line of `sessionId` written in `cwd`: a record the first time, and when the project is
    /// first known.
    mutating func saw(_ sessionId: String, cwd: String?, into records: inout [Record]) {
        if var session = known[sessionId] {
            guard session.project == nil, let cwd else { return }
            session.project = cwd
            known[sessionId] = session
        } else {
            known[sessionId] = Known(project: cwd)
        }
        records.append(.session(SessionRecord(id: sessionId, source: SessionSource.claudeCode, project: cwd)))
    }

    /// A typed prompt of the main conversation: the first one labels the session.
    mutating func prompted(_ sessionId: String, text: String, into records: inout [Record]) {
        guard known[sessionId]?.labelled != true else { return }
        known[sessionId, default: Known()].labelled = true
        records.append(
            .session(
                SessionRecord(
                    id: sessionId, source: SessionSource.claudeCode, project: known[sessionId]?.project,
                    label: ClaudeContent.label(text))))
    }

    /// Claude Code's own running total for the session (`cost-state`).
    func reported(_ sessionId: String, cost: Double?, into records: inout [Record]) {
        guard let cost else { return }
        records.append(.session(SessionRecord(id: sessionId, source: SessionSource.claudeCode, reportedCost: cost)))
    }
}
