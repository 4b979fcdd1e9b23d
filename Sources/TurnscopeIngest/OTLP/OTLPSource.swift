import TurnscopeModel

/// Where a span comes from: its resource (the process: `service.name`, `deployment.environment`,
/// Langfuse's `langfuse.release`, …) and its instrumentation scope (`langfuse-sdk`, `litellm`,
/// `opentelemetry.instrumentation.openai_v2`, …). Shared by every span of a `ScopeSpans`.
struct OTLPSource: Sendable {
    var resourceAttributes: [String: JSONValue]
    var scopeName: String
    var scopeVersion: String

    /// The scope as metadata: `{"name": …, "version": …}`, nil when the exporter named none.
    var scopeJSON: JSONValue? {
        var scope: [String: JSONValue] = [:]
        if !scopeName.isEmpty { scope["name"] = .string(scopeName) }
        if !scopeVersion.isEmpty { scope["version"] = .string(scopeVersion) }
        return scope.isEmpty ? nil : .object(scope)
    }
}
