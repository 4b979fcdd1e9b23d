import TurnscopeModel

/// One Gemini CLI model call as its log events in one export describe it: `gemini_cli.api_request`,
/// then `gemini_cli.api_response` or `gemini_cli.api_error`, each followed by its
/// `gen_ai.client.inference.operation.details` twin. Any of them may be missing (the rest came
/// in another export); what is there becomes one generation update.
///
/// The CLI's own events are read first, since they are faithful: `request_text` and
/// `response_text` are the raw Gemini JSON (the model's turns under role `model`, function
/// responses with their function's name), and `api_response` has every token counter. The twin
/// adds what only it has: the system instructions, the request's sampling parameters and the
/// response id, and its messages stand in when the raw text is missing. Its token counts are
/// never read: they are Gemini's `promptTokenCount`/`candidatesTokenCount` without cache or
/// thoughts, and since the store keeps one usage per call, reading them could replace the full
/// counts of `api_response` when the twin arrives later.
struct GeminiCLIGeneration {
    static let request = "gemini_cli.api_request"
    static let response = "gemini_cli.api_response"
    static let error = "gemini_cli.api_error"
    static let twin = OTLPPayloads.inferenceDetailsEvent

    private var traceId: String?
    private(set) var promptId: String?
    private var requestTime: Timestamp?
    private var started: Timestamp?
    private var ended: Timestamp?
    private var lastTime: Timestamp?
    private var requestModel: String?
    private var responseModel: String?
    private var twinModel: String?
    private var parameters: [String: JSONValue]?
    private var requestMessages: [Message]?
    private var requestText: JSONValue?
    private var responseMessages: [Message]?
    private var responseText: JSONValue?
    private var system: Message?
    private var twinInput: [Message]?
    private var twinOutput: [Message]?
    private var usage: Usage?
    private var finishReasons: [String]?
    private var responseId: String?
    private var statusCode: Int64?
    private var failure: String?
    private var errorType: String?
    private var role: String?
    private var authType: String?

    /// Folds the events of one call, in export order.
    init(_ events: [GeminiCLIEvent]) {
        for event in events { add(event) }
    }

    /// The trace the call's records carry, if any carries one.
    var recordedTraceId: String? { traceId }

    private mutating func add(_ event: GeminiCLIEvent) {
        traceId = traceId ?? event.log.traceId
        promptId = promptId ?? event.promptId
        role = event.text("role") ?? role
        authType = event.text("auth_type") ?? authType
        if let time = event.time { lastTime = max(lastTime ?? time, time) }
        switch event.name {
        case Self.request:
            requestTime = event.time
            requestModel = event.text("model") ?? requestModel
            if let text = event.value("request_text") {
                requestText = text
                requestMessages = GeminiCLIContents.messages(contents: text)
            }
        case Self.response:
            outcome(event)
            responseModel = event.text("model") ?? responseModel
            usage = GeminiCLIUsage.usage(of: event) ?? usage
            finishReasons = GenAIOperationDetails.strings(event.value("finish_reasons")) ?? finishReasons
            if let text = event.value("response_text") {
                responseText = text
                responseMessages = GeminiCLIContents.messages(responseChunks: text)
                let named = GeminiCLIContents.response(chunks: text)
                responseId = responseId ?? named.id
                responseModel = responseModel ?? named.model
            }
        case Self.error:
            outcome(event)
            responseModel = event.text("model") ?? event.text("model_name") ?? responseModel
            failure = Self.errorMessage(event.text("error.message") ?? event.text("error")) ?? "API error"
            errorType = event.text("error.type") ?? errorType
        case Self.twin:
            let details = GenAIOperationDetails(event.log.attributes)
            twinModel = details.model ?? twinModel
            parameters = details.modelParameters ?? parameters
            if let instructions = details.systemInstructions {
                system = OTLPPayloads.genAIInput(messages: nil, system: instructions)?.messages?.first ?? system
            }
            if let messages = details.inputMessages {
                twinInput = GeminiCLIContents.twinMessages(OTLPPayloads.genAIInput(messages: messages, system: nil))
            }
            twinOutput = GeminiCLIContents.twinMessages(details.output) ?? twinOutput
            // The twin's id wins: it is the one the CLI names the call by (AGENT-TELEMETRY.md §6).
            responseId = details.responseId ?? responseId
            finishReasons = finishReasons ?? details.finishReasons
            errorType = details.errorType ?? errorType
        default:
            break
        }
    }

    /// Times and status of the response or error that ends the call.
    private mutating func outcome(_ event: GeminiCLIEvent) {
        ended = event.time
        started = event.time(minusMilliseconds: event.count("duration_ms") ?? event.count("duration"))
        statusCode = event.count("status_code") ?? event.count("http.response.status_code") ?? statusCode
    }

    /// Whether the call failed.
    var failed: Bool { failure != nil }

    /// The generation update.
    func record(id: String, traceId: String) -> ObservationRecord {
        var record = ObservationRecord(
            id: id, traceId: traceId, kind: .generation, name: "llm_call", startTime: started ?? requestTime,
            endTime: ended, model: responseModel ?? twinModel ?? requestModel, modelParameters: parameters,
            usage: usage, eventTime: lastTime)
        let prompt = requestMessages ?? twinInput
        if let prompt {
            record.input = .messages((system.map { [$0] } ?? []) + prompt)
        } else if let requestText {
            record.input = .json(OTLPValues.decoded(requestText))
        } else if let system {
            record.input = .messages([system])
        }
        if let output = responseMessages ?? twinOutput {
            record.output = .messages(output)
        } else if let responseText {
            record.output = .json(OTLPValues.decoded(responseText))
        }
        if let failure {
            record.level = .error
            record.statusMessage = failure
        }

        var metadata: [String: JSONValue] = ["agent": .string(SessionSource.geminiCLI)]
        if let promptId { metadata["promptId"] = .string(promptId) }
        if let role { metadata["role"] = .string(role) }
        if let authType { metadata["authType"] = .string(authType) }
        if let responseId { metadata["responseId"] = .string(responseId) }
        // `finishReason`, one text, as every other source writes it and the turn view reads it.
        if let finishReasons { metadata["finishReason"] = .string(finishReasons.joined(separator: ", ")) }
        if failed, let statusCode { metadata["statusCode"] = .integer(statusCode) }
        if let errorType { metadata["errorType"] = .string(errorType) }
        record.metadata = .object(metadata)
        return record
    }

    /// The message of Gemini's error JSON (`[{"error": {"code", "message", "status"}}]`, as the CLI
    /// logs it) so it reads as the span's status does; any other text as it is.
    static func errorMessage(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        var value = OTLPValues.decoded(.string(text))
        if case .array(let elements) = value, let first = elements.first { value = first }
        return OTLPValues.text(value["error"]?["message"]) ?? text
    }
}
