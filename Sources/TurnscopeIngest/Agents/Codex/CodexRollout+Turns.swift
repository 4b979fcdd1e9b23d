import TurnscopeModel

extension CodexRollout {
    /// Starts the turn Codex names `turnId`, unless it is the current one (`task_started` and
    /// `turn_context` both name it, in either order).
    mutating func beginTurn(_ turnId: String, at time: Timestamp?, into out: inout [Record]) {
        guard turn?.turnId != turnId else { return }
        emitTurn(into: &out)
        // A new turn's output is a new call even when no input item came first (a turn Codex
        // starts by itself); the open call still takes its `token_count`.
        call?.inputFollowed = true
        turn = CodexTurn(id: "codex:\(session.id):\(turnId)", turnId: turnId, timestamp: time)
    }

    /// A turn the reader numbers itself, for builds that write no turn id.
    mutating func startUnnamedTurn(at time: Timestamp?, into out: inout [Record]) {
        emitTurn(into: &out)
        unnamedTurns += 1
        turn = CodexTurn(id: "codex:\(session.id):turn-\(unnamedTurns)", turnId: nil, timestamp: time)
    }

    /// The current turn's trace id, starting a turn when output comes before any.
    mutating func currentTurn(at time: Timestamp?, into out: inout [Record]) -> String {
        if let turn { return turn.id }
        startUnnamedTurn(at: time, into: &out)
        return turn?.id ?? ""
    }

    /// Hands out the current turn's trace if it changed since it was last handed out.
    mutating func emitTurn(into out: inout [Record]) {
        guard let current = turn, current.changed else { return }
        turn?.changed = false
        out.append(.trace(current.record(sessionId: session.id)))
    }
}
