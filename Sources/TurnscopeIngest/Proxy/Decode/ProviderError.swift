import TurnscopeModel

/// What a provider said went wrong, from an error body or a stream's error event.
struct ProviderError: Sendable, Hashable {
    /// The message meant for people ("Overloaded", "Incorrect API key provided: …").
    var message: String
    /// The error's type (`overloaded_error`, `invalid_request_error`), when given.
    var type: String?
    /// The error's code (`rate_limit_exceeded`, `context_length_exceeded`), when given.
    var code: String?

    /// The error in a JSON value, in any of the shapes providers use:
    ///
    /// - Anthropic `{"type": "error", "error": {"type", "message"}}`;
    /// - OpenAI `{"error": {"message", "type", "code", "param"}}` (OpenRouter, vLLM, litellm too);
    /// - an `error` that is just a string (Ollama);
    /// - a Responses stream's `error` event `{"type": "error", "code", "message"}`, or a
    ///   Responses object's `error: {code, message}`.
    ///
    /// Nil when the value holds none of these.
    init?(json: JSONValue) {
        if case .string(let text)? = json["error"], !text.isEmpty {
            self.init(message: text)
            return
        }
        let body = json["error"]?.objectValue ?? (json["type"]?.stringValue == "error" ? json.objectValue : nil)
        guard let body else { return nil }
        let message = body["message"]?.stringValue
        let type = body["type"]?.stringValue.flatMap { $0 == "error" ? nil : $0 }
        let code = body["code"].flatMap { $0.stringValue ?? $0.integerValue.map(String.init) }
        guard let text = message ?? type ?? code, !text.isEmpty else { return nil }
        self.init(message: BoundedText.text(text, limit: BoundedText.statusLimit), type: type, code: code)
    }

    init(message: String, type: String? = nil, code: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
    }

    /// The error in an HTTP error body: its JSON error when it has one, else the body itself as
    /// text (cut to a few KB), else the status alone.
    init(status: Int, body: [UInt8]) {
        // An error body is small; one that is not is not JSON worth parsing.
        if body.count <= 1 << 20, let json = try? JSONParser.parse(body), let error = ProviderError(json: json) {
            self = error
            return
        }
        let text = BoundedText.text(body, limit: BoundedText.statusLimit).trimmingWhitespace
        self.init(message: text.isEmpty ? "HTTP \(status) with an empty body" : text)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
