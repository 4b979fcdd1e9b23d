import TurnscopeModel

/// A turn with what the detail screen looked up around it: the session's size and the results
/// of the completion's tool calls. Loaded once when the screen opens.
struct LoadedTurn {
    let detail: TurnDetail
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
}
