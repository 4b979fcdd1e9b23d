import TurnscopeModel

/// Which model API a request under a proxy route calls, told from its method and path.
///
/// Paths are matched on their ending, so that the prefix a client puts in its base URL does not
/// matter: `OPENAI_BASE_URL=…/openai/v1` gives `/v1/chat/completions`, OpenRouter's
/// `/api/v1/chat/completions` and an Azure deployment's
/// `/openai/deployments/NAME/chat/completions` end the same way. A query (`?beta=true`, Azure's
/// `?api-version=…`) and a trailing slash are ignored.
public enum ProviderEndpoint: String, Sendable, Hashable, CaseIterable {
    /// Anthropic Messages, `POST …/v1/messages`: recorded as a generation.
    case anthropicMessages = "messages"
    /// Anthropic's token counter, `POST …/v1/messages/count_tokens`: passed through, not recorded.
    case anthropicCountTokens = "count_tokens"
    /// OpenAI Chat Completions, `POST …/chat/completions`: recorded as a generation.
    case openAIChatCompletions = "chat.completions"
    /// OpenAI Responses, `POST …/responses`: recorded as a generation.
    case openAIResponses = "responses"
    /// OpenAI Embeddings, `POST …/embeddings`: recorded as an embedding.
    case openAIEmbeddings = "embeddings"
    /// Anything else (model lists, files, a Responses retrieve or compact, analytics): passed
    /// through, not recorded.
    case other

    /// The endpoint a request calls. `path` is relative to the route (`/v1/messages` for
    /// `/anthropic/v1/messages`) and may carry its query.
    public init(method: String, path: String) {
        var path = Substring(path)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        guard method.uppercased() == "POST" else {
            self = .other
            return
        }
        if path.hasSuffix("/v1/messages") || path == "/messages" {
            self = .anthropicMessages
        } else if path.hasSuffix("/v1/messages/count_tokens") || path == "/messages/count_tokens" {
            self = .anthropicCountTokens
        } else if path.hasSuffix("/chat/completions") {
            self = .openAIChatCompletions
        } else if path.hasSuffix("/responses") {
            self = .openAIResponses
        } else if path.hasSuffix("/embeddings") {
            self = .openAIEmbeddings
        } else {
            self = .other
        }
    }

    /// Whether a call to this endpoint is recorded.
    public var isRecorded: Bool {
        switch self {
        case .anthropicMessages, .openAIChatCompletions, .openAIResponses, .openAIEmbeddings: true
        case .anthropicCountTokens, .other: false
        }
    }

    /// The kind of observation a call becomes.
    public var observationKind: ObservationKind {
        self == .openAIEmbeddings ? .embedding : .generation
    }
}
