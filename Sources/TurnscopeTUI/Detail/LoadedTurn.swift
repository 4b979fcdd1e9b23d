import TurnscopeModel
import TurnscopeStore

/// A turn with what the detail screen looked up around it: the session's size and the results
/// of the completion's tool calls. Loaded once when the screen opens, without the prompt's
/// history (the messages the previous turn already sent), which shows folded: it is read only
/// when something needs it (`readHistory`).
struct LoadedTurn {
    private(set) var detail: TurnDetail
    /// How many turns the session has, for "Turn 4 of 47".
    let sessionTurns: Int?
    /// The completion's tool calls in order, and their results by index.
    let calls: [ToolCall]
    let results: [Int: PairedResult]
    /// Where the turn stands with the Langfuse mirror, and its Langfuse address once delivered;
    /// nil when it was never queued.
    var mirror: (mark: MirrorMark, link: String?)?

    init(detail: TurnDetail, sessionTurns: Int?, nextTurn: () -> TurnDetail?) {
        self.detail = detail
        self.sessionTurns = sessionTurns
        calls = detail.observation.output?.messages?.flatMap(\.toolCalls) ?? []
        results = calls.isEmpty ? [:] : ToolCallPairing.results(for: calls, children: detail.children, nextTurn: nextTurn)
    }

    /// Whether the message at `index` of the prompt was not in the previous turn's prompt. The
    /// first turn of a session has nothing to compare with, so nothing is marked new.
    func inputIsNew(_ index: Int) -> Bool {
        detail.previousTurnId != nil && detail.inputIsNew.indices.contains(index) && detail.inputIsNew[index]
    }

    /// Whether the prompt's history is still unread.
    var historyIsOmitted: Bool { detail.omittedHistory > 0 }

    /// Whether a tool result in the prompt's read part answers a call the unread history made: its
    /// label names the call's tool, so the history must be read to show it. (An agent's call is
    /// usually new in the same turn as its result, so this is rare.)
    var resultsNeedHistory: Bool {
        guard historyIsOmitted, let messages = detail.observation.input?.messages else { return false }
        let named = ToolCallPairing.toolNames(in: messages)
        return messages.contains { message in message.toolResults.contains { $0.callId.map { named[$0] == nil } ?? false } }
    }

    /// Reads the prompt's history, so the prompt is whole from then on.
    mutating func readHistory(from store: TraceStore) throws(StoreError) {
        guard historyIsOmitted else { return }
        let history = try store.promptHistory(ofTurn: detail.summary.id, count: detail.omittedHistory)
        detail.observation.input = .messages(history + (detail.observation.input?.messages ?? []))
        detail.omittedHistory = 0
    }
}
