import TurnscopeModel

/// The GenAI log events of one model call in one export, folded into the observation update
/// they make: the inference-details events' fields, and the legacy message events as the input
/// (prompt messages in order) and the output (choices by index).
struct GenAICall {
    /// The span id when the events were emitted in the inference span, else an `events:` id.
    let id: String
    let traceId: String?
    /// Whether the id is the span's: then the span decides the kind and the times, and the events
    /// only add to it; otherwise nothing else describes the call and it is a generation of its own.
    let isSpan: Bool
    private var details: GenAIOperationDetails?
    private var prompt: [Message] = []
    private var choices: [GenAILegacyMessage] = []
    private(set) var hasChoice = false
    private var first: Timestamp?
    private var last: Timestamp?

    init(id: String, traceId: String?, isSpan: Bool) {
        self.id = id
        self.traceId = traceId
        self.isSpan = isSpan
    }

    /// Adds an inference-details event; a later one's fields win over an earlier one's.
    mutating func add(_ new: GenAIOperationDetails, at time: Timestamp?) {
        seen(time)
        guard var merged = details else {
            details = new
            return
        }
        merged.operation = new.operation ?? merged.operation
        merged.model = new.model ?? merged.model
        merged.modelParameters = new.modelParameters ?? merged.modelParameters
        merged.input = new.input ?? merged.input
        merged.output = new.output ?? merged.output
        merged.usage = new.usage ?? merged.usage
        merged.responseId = new.responseId ?? merged.responseId
        merged.finishReasons = new.finishReasons ?? merged.finishReasons
        merged.provider = new.provider ?? merged.provider
        merged.errorType = new.errorType ?? merged.errorType
        merged.conversationId = new.conversationId ?? merged.conversationId
        details = merged
    }

    /// Adds a legacy message event.
    mutating func add(_ legacy: GenAILegacyMessage, at time: Timestamp?) {
        seen(time)
        if legacy.isChoice {
            hasChoice = true
            choices.append(legacy)
        } else if let message = legacy.message {
            prompt.append(message)
        }
    }

    private mutating func seen(_ time: Timestamp?) {
        guard let time else { return }
        first = min(first ?? time, time)
        last = max(last ?? time, time)
    }

    /// The observation update. The details' messages win over the legacy events' when a call
    /// has both (an instrumentation migrating between the two forms): they also hold the system
    /// instructions.
    var record: ObservationRecord {
        var record = ObservationRecord(
            id: id, traceId: traceId, kind: isSpan ? nil : .generation, model: details?.model,
            modelParameters: details?.modelParameters, usage: details?.usage, eventTime: last)
        if !isSpan {
            // The span's own times are exact and a start is fixed at first write, so an event's
            // time, only near them, is used only when no span describes the call.
            record.startTime = first
            record.endTime = last
            // The span name the conventions give an inference span: `{operation} {model}`.
            let name = [details?.operation, details?.model].compactMap { $0 }.joined(separator: " ")
            record.name = name.isEmpty ? "chat" : name
        }
        let ordered = choices.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }
        let completion = ordered.compactMap(\.element.message)
        record.input = details?.input ?? (prompt.isEmpty ? nil : .messages(prompt))
        record.output = details?.output ?? (completion.isEmpty ? nil : .messages(completion))

        var metadata: [String: JSONValue] = [:]
        // The keys the span mapping (`OTLPCallFacts`) and the proxy write, which the turn view shows:
        // an event and the span it was emitted in then merge into one set of facts.
        if let responseId = details?.responseId { metadata["responseId"] = .string(responseId) }
        let finishReasons = details?.finishReasons ?? ordered.compactMap(\.element.finishReason)
        if !finishReasons.isEmpty { metadata["finishReason"] = .string(finishReasons.joined(separator: ", ")) }
        if let provider = details?.provider { metadata["provider"] = .string(provider) }
        if let errorType = details?.errorType {
            metadata["errorType"] = .string(errorType)
            record.level = .error
            record.statusMessage = errorType
        }
        record.metadata = metadata.isEmpty ? nil : .object(metadata)
        return record
    }
}
