import TurnscopeModel

/// Sorts the API events of one Gemini CLI export into model calls, each with the generation id
/// the store merges it under.
///
/// Records the CLI writes inside the `llm_call` span carry its span id: that is the call's id,
/// the one the span mapping gives the span's observation, so the events of a call merge with its
/// span and with each other across exports. Without span ids, a call is named by its outcome, the
/// `api_response` or `api_error`: `events:gemini-cli:<session>:<event.timestamp>`, which its twin
/// shares exactly and a re-export repeats. Its `api_request` (and that request's twin) joins it
/// when both are in the export, the oldest open request of the same prompt taking the next
/// outcome; a request whose outcome is not in the export is left out, since no id it could take
/// would be the one its outcome takes later, and a second id would show the call twice.
struct GeminiCLICallBook {
    /// A call: its id (nil while it is only a request without span ids), its events in order, and
    /// where it went when it was merged into another.
    struct Call {
        var id: String?
        var events: [GeminiCLIEvent] = []
        var mergedInto: Int?
        /// The position in the export of the event that ended the call, for pairing tool calls.
        var outcomeOrder: Int?
    }

    private(set) var calls: [Call] = []
    private var byId: [String: Int] = [:]
    /// `session + event.timestamp` → call, so a twin without span ids finds its partner.
    private var byStamp: [String: Int] = [:]
    /// `session + prompt_id` → requests without span ids still waiting for their outcome.
    private var waiting: [String: [Int]] = [:]
    /// Calls per `session + prompt_id`, for ids of events that carry no `event.timestamp`.
    private var ordinals: [String: Int] = [:]

    /// Files one API event (request, response, error or twin) of a known session.
    mutating func add(_ event: GeminiCLIEvent, session: String, order: Int) {
        let isOutcome = event.name == GeminiCLIGeneration.response || event.name == GeminiCLIGeneration.error
        let stamp = event.eventTimestamp.map { session + "\u{0}" + $0 }
        let prompt = session + "\u{0}" + (event.promptId ?? "")
        let index: Int
        if let spanId = event.log.spanId {
            index = call(id: spanId)
        } else if let stamp, let known = byStamp[stamp] {
            index = resolve(known)
            if calls[index].id == nil, isOutcome || Self.isOutcomeTwin(event) {
                let id = syntheticId(event, session: session, prompt: prompt)
                calls[index].id = id
                byId[id] = index
            }
        } else if isOutcome || Self.isOutcomeTwin(event) {
            index = call(id: syntheticId(event, session: session, prompt: prompt))
        } else {
            calls.append(Call())
            index = calls.count - 1
        }
        if let stamp { byStamp[stamp] = index }

        if event.log.spanId == nil {
            if event.name == GeminiCLIGeneration.request, calls[index].id == nil {
                waiting[prompt, default: []].append(index)
            } else if isOutcome, var queue = waiting[prompt] {
                if let own = queue.firstIndex(of: index) {
                    queue.remove(at: own)
                } else if !queue.isEmpty, !calls[index].events.contains(where: { $0.name == GeminiCLIGeneration.request }) {
                    let request = queue.removeFirst()
                    calls[index].events = calls[request].events + calls[index].events
                    calls[request].events = []
                    calls[request].mergedInto = index
                }
                waiting[prompt] = queue
            }
        }
        calls[index].events.append(event)
        if isOutcome { calls[index].outcomeOrder = order }
    }

    /// The calls that have an id, with their events, in the order they began.
    var named: [(id: String, events: [GeminiCLIEvent], outcomeOrder: Int?)] {
        calls.compactMap { call in
            guard let id = call.id, call.mergedInto == nil, !call.events.isEmpty else { return nil }
            return (id, call.events, call.outcomeOrder)
        }
    }

    private mutating func call(id: String) -> Int {
        if let index = byId[id] { return resolve(index) }
        calls.append(Call(id: id))
        byId[id] = calls.count - 1
        return calls.count - 1
    }

    private func resolve(_ index: Int) -> Int {
        var index = index
        while let next = calls[index].mergedInto { index = next }
        return index
    }

    /// `events:gemini-cli:<session>:<stamp>`: the outcome's `event.timestamp`, else its time, else
    /// its place among the prompt's calls.
    private mutating func syntheticId(_ event: GeminiCLIEvent, session: String, prompt: String) -> String {
        if let stamp = event.eventTimestamp ?? event.time?.iso8601 { return "events:gemini-cli:\(session):\(stamp)" }
        let ordinal = ordinals[prompt, default: 0]
        ordinals[prompt] = ordinal + 1
        return "events:gemini-cli:\(session):\(event.promptId ?? "")#\(ordinal)"
    }

    /// Whether a twin reports an outcome (a response or an error) rather than a request.
    private static func isOutcomeTwin(_ event: GeminiCLIEvent) -> Bool {
        guard event.name == GeminiCLIGeneration.twin else { return false }
        return [
            "gen_ai.response.id", "gen_ai.response.model", "gen_ai.response.finish_reasons", "gen_ai.output.messages",
            "error.type",
        ].contains { event.value($0) != nil }
    }
}
