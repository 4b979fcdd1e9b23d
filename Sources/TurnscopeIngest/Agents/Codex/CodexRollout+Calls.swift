import TurnscopeModel

extension CodexRollout {
    /// A new model call, numbered in the file's order, whose prompt is the conversation so far.
    mutating func newCall(traceId: String, at time: Timestamp?, firstOutput: Timestamp?) -> CodexModelCall {
        calls += 1
        return CodexModelCall(
            id: "codex:\(session.id):\(calls)", traceId: traceId, prompt: history, startTime: callStart ?? time,
            completionStartTime: firstOutput, model: turnModel ?? threadModel, effort: turnEffort ?? threadEffort)
    }

    /// Counts a `token_count` event: one whose running total moved closes the open call with the
    /// last call's usage. Events with no `info` or an unchanged total are re-emits (UI and rate
    /// limit refreshes) and count nothing.
    mutating func tokenCount(_ info: CodexTokenInfo?, at time: Timestamp?, into out: inout [Record]) {
        guard let info, let total = info.total, total != totals else { return }
        let spent = info.last ?? total.since(totals)
        totals = total
        if call == nil {
            // A call that wrote no item the reader keeps (an empty answer, a compaction): its
            // tokens were still spent.
            let traceId = currentTurn(at: time, into: &out)
            call = newCall(traceId: traceId, at: time, firstOutput: nil)
        }
        close(end: time, usage: spent.usage, into: &out)
    }

    /// Hands out the open call as finished. `end` is when its usage was reported; a
    /// `token_usage_record`'s time is nearer the response's end and wins when there was one.
    mutating func close(end: Timestamp?, usage: Usage?, into out: inout [Record]) {
        guard var open = call else { return }
        call = nil
        if let usage { open.usage = usage }
        open.endTime = open.recordTime ?? end ?? open.lastOutputTime
        // The next request cannot have gone out before this response ended.
        if let ended = open.endTime { callStart = max(callStart ?? ended, ended) }
        out.append(.observation(open.record(metadata: session.metadata)))
    }
}
