import TurnscopeModel

/// The trace-level attributes a span may carry (user, session, tags, trace name, input, output,
/// metadata, public), read with Langfuse's keys and order (CONTRACT.md §6.4).
///
/// SDKs propagate these to every span of a trace, so most spans carry them; Langfuse then writes a
/// partial trace update per span, and so does this decoder. The store merges them by trace id.
struct OTLPTraceFields {
    var name: String?
    var userId: String?
    var sessionId: String?
    var tags: [String]?
    var isPublic: Bool?
    var input: Payload?
    var output: Payload?
    var metadata: [String: JSONValue]?

    /// Whether the span carries any trace-level attribute (Langfuse's `hasTraceUpdates`).
    var isEmpty: Bool {
        name == nil && userId == nil && sessionId == nil && tags == nil && isPublic == nil && input == nil
            && output == nil && metadata == nil
    }

    init(_ attributes: inout OTLPAttributes, resource: inout OTLPAttributes) {
        name = attributes.text("langfuse.trace.name")
        userId =
            attributes.text("langfuse.user.id", "user.id")
            ?? Self.fromMetadata(attributes, "langfuse_user_id", "userId")
            ?? attributes.text("traceloop.association.properties.user_id")
        sessionId =
            attributes.text("langfuse.session.id", "session.id", "gen_ai.conversation.id")
            ?? Self.fromMetadata(attributes, "langfuse_session_id", "sessionId")
            ?? attributes.text("traceloop.association.properties.session_id")
        for key in ["langfuse.trace.tags", "langfuse.tags"] {
            if tags == nil { tags = OTLPValues.tags(attributes.peek(key)) }
            if tags != nil { attributes.discard(key); break }
        }
        if tags == nil {
            let metadataKeys = [
                "langfuse.observation.metadata.langfuse_tags", "langfuse.trace.metadata.langfuse_tags",
                "ai.telemetry.metadata.tags",
            ]
            for key in metadataKeys where tags == nil {
                tags = OTLPValues.tags(attributes.peek(key).map(OTLPValues.decoded))
            }
        }
        if tags == nil, let value = attributes.peek("tag.tags"), let parsed = OTLPValues.tags(value) {
            attributes.discard("tag.tags")
            tags = parsed
        }
        if let value = attributes.first(["langfuse.trace.public", "langfuse.public"]) {
            isPublic = OTLPValues.bool(value.value)
        }
        input = attributes.take("langfuse.trace.input").map { PayloadNormalizer.payload(from: OTLPValues.decoded($0)) }
        output = attributes.take("langfuse.trace.output").map { PayloadNormalizer.payload(from: OTLPValues.decoded($0)) }
        var metadata = OTLPValues.object(resource.take("langfuse.trace.metadata")) ?? [:]
        for (key, value) in resource.take(prefix: "langfuse.trace.metadata.") { metadata[key] = OTLPValues.decoded(value) }
        if let object = OTLPValues.object(attributes.take("langfuse.trace.metadata")) {
            metadata.merge(object) { _, span in span }
        }
        for (key, value) in attributes.take(prefix: "langfuse.trace.metadata.") { metadata[key] = OTLPValues.decoded(value) }
        self.metadata = metadata.isEmpty ? nil : metadata
    }

    /// A user or session id that Langfuse also reads from metadata (`langfuse_user_id`, Vercel AI
    /// SDK's `userId`); SDK v5 JSON-encodes metadata values, so the value is decoded first. The
    /// metadata keys stay in the metadata: they are read, not consumed.
    private static func fromMetadata(_ attributes: OTLPAttributes, _ langfuseKey: String, _ vercelKey: String) -> String? {
        let keys = [
            "langfuse.observation.metadata.\(langfuseKey)", "langfuse.trace.metadata.\(langfuseKey)",
            "ai.telemetry.metadata.\(vercelKey)",
        ]
        return keys.lazy.compactMap { attributes.peek($0).flatMap { OTLPValues.text(OTLPValues.decoded($0)) } }.first
    }
}
