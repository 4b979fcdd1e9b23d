import TurnscopeModel

/// Turns one span into its records: always an observation, and a trace record when the span is a
/// root or carries trace-level attributes. The mapping follows Langfuse's OTel ingestion
/// (CONTRACT.md §6.3–6.4) so a span looks the same here as in Langfuse after the mirror forwards it.
struct OTLPSpanMapper {
    private let span: OTLPSpan
    private var attributes: OTLPAttributes
    private var resource: OTLPAttributes

    init(_ span: OTLPSpan) {
        self.span = span
        attributes = OTLPAttributes(span.attributes)
        resource = OTLPAttributes(span.source.resourceAttributes)
    }

    /// The span's records: its trace record first (when it has one), then its observation.
    ///
    /// - Parameter memo: the prompt the previous span of the same export held (`MessageListMemo`).
    static func records(for span: OTLPSpan, memo: inout MessageListMemo) -> [Record] {
        var mapper = OTLPSpanMapper(span)
        return mapper.records(memo: &memo)
    }

    private mutating func records(memo: inout MessageListMemo) -> [Record] {
        // `as_root` lets a span start a trace in Langfuse even when it has a parent (a span
        // continued from a remote caller); `is_app_root` only marks the SDK's own root.
        let isRoot = span.parentId == nil || OTLPValues.bool(attributes.take("langfuse.internal.as_root")) == true
        attributes.discard(prefix: "langfuse.internal.")

        let start = OTLPValues.timestamp(nanos: span.startNanos)
        let end = OTLPValues.timestamp(nanos: span.endNanos)
        var observation = ObservationRecord(
            id: span.spanId, traceId: span.traceId, parentId: isRoot ? nil : span.parentId, kind: kind(),
            name: attributes.text("gen_ai.tool.name", "ai.toolCall.name") ?? (span.name.isEmpty ? nil : span.name),
            startTime: start ?? end, endTime: end ?? start)
        // OpenInference names a tool span after its tool and says it again in `tool.name`.
        attributes.discard(["tool.name", "gen_ai.tool.name"], repeating: observation.name)
        observation.model = OTLPModelParameters.model(&attributes)
        observation.modelParameters = OTLPModelParameters.parameters(&attributes)
        if let tools = observation.modelParameters?["tools"], let definitions = ToolDefinitionNormalizer.definitions(from: tools) {
            observation.toolDefinitions = definitions
            observation.modelParameters?["tools"] = nil
            if observation.modelParameters?.isEmpty == true { observation.modelParameters = nil }
        }
        (observation.input, observation.output) = OTLPPayloads.read(&attributes, events: span.events, memo: &memo)
        observation.usage = OTLPUsage.usage(&attributes)
        observation.cost = OTLPUsage.cost(&attributes)
        observation.level = OTLPValues.level(attributes.take("langfuse.observation.level")) ?? (span.statusCode == 2 ? .error : .default)
        observation.statusMessage = attributes.text("langfuse.observation.status_message") ?? statusMessage()
        observation.completionStartTime =
            OTLPValues.timestamp(attributes.take("langfuse.observation.completion_start_time")) ?? Self.firstTokenTime(span.events)
            ?? firstChunkTime()
        observation.version = attributes.text("langfuse.version") ?? resource.text("service.version")
        observation.environment = environment()
        observation.eventTime = end ?? start
        // Read, not taken: `service.name` stays in the resource attributes the span shows.
        observation.service = OTLPValues.text(span.source.resourceAttributes["service.name"])
        let release = attributes.text("langfuse.release") ?? resource.text("langfuse.release")
        // SDKs put the release on the resource and on every span: the span's copy won, and the
        // resource's would only repeat it in the metadata.
        resource.discard("langfuse.release")

        var records: [Record] = []
        switch OTLPAgentSpan.agent(of: span) {
        case .claudeCode?: records += OTLPAgentSpan.claudeCode(&observation, span: span, attributes: &attributes)
        case .codex?: guard OTLPAgentSpan.codex(&observation, span: span) else { return [] }
        case .geminiCLI?: observation.usage = nil
        case nil: break
        }
        let fields = OTLPTraceFields(&attributes, resource: &resource)
        if isRoot || !fields.isEmpty {
            var trace = TraceRecord(
                id: span.traceId, name: fields.name, userId: fields.userId, sessionId: fields.sessionId,
                tags: fields.tags, metadata: fields.metadata.map(JSONValue.object), input: fields.input,
                output: fields.output, release: release, version: observation.version,
                environment: observation.environment, isPublic: fields.isPublic, eventTime: observation.eventTime,
                service: observation.service)
            if isRoot {
                // Only a root knows when the trace started; a child's start would fix the trace's
                // timestamp too late, since exporters usually send children before their root.
                trace.timestamp = observation.startTime
                trace.name = trace.name ?? observation.name
                trace.input = trace.input ?? observation.input
                trace.output = trace.output ?? observation.output
            }
            records.append(.trace(trace))
        }
        observation.metadata = metadata(parameters: observation.modelParameters)
        records.append(.observation(observation))
        return records
    }

    /// Span events that mark a streamed answer's first token: OpenInference's `First Token Stream
    /// Event`, and OpenLLMetry's per-chunk `gen_ai.content.completion.chunk`, of which the first
    /// one's time is the answer.
    static let firstTokenEvents: Set<String> = ["First Token Stream Event", "gen_ai.content.completion.chunk"]

    /// When the first token arrived, from those events; nil when none was sent with a time.
    static func firstTokenTime(_ events: [OTLPSpan.Event]) -> Timestamp? {
        let times = events.lazy.filter { firstTokenEvents.contains($0.name) && $0.timeNanos > 0 }.map(\.timeNanos)
        return times.min().flatMap { OTLPValues.timestamp(nanos: $0) }
    }

    /// When the first chunk arrived, from `gen_ai.response.time_to_first_chunk` (seconds after the
    /// span's start), which the anthropic SDK's own spans carry; nil without it or a start.
    private mutating func firstChunkTime() -> Timestamp? {
        guard let seconds = OTLPValues.double(attributes.take("gen_ai.response.time_to_first_chunk")), seconds >= 0,
            span.startNanos > 0, seconds < 86_400
        else { return nil }
        return OTLPValues.timestamp(nanos: span.startNanos + UInt64((seconds * 1e9).rounded()))
    }

    // MARK: - Fields

    /// The observation type, by Langfuse's rules: the SDK's own type, then OpenInference's span
    /// kind, then GenAI's operation name, then GenAI tool attributes, then any model attribute
    /// (an LLM call), else a plain span.
    private mutating func kind() -> ObservationKind {
        let openInference = Self.openInferenceKinds
        let operations = Self.operationKinds
        let candidates: [(key: String, kind: ObservationKind?)] = [
            ("langfuse.observation.type", OTLPValues.text(attributes.peek("langfuse.observation.type")).flatMap {
                ObservationKind(rawValue: $0.lowercased())
            }),
            ("openinference.span.kind", OTLPValues.text(attributes.peek("openinference.span.kind")).flatMap {
                openInference[$0.uppercased()]
            }),
            ("gen_ai.operation.name", OTLPValues.text(attributes.peek("gen_ai.operation.name")).flatMap {
                operations[$0.lowercased()]
            }),
        ]
        let kind: ObservationKind
        if let decided = candidates.lazy.compactMap(\.kind).first {
            kind = decided
        } else if attributes.has("gen_ai.tool.name") || attributes.has("gen_ai.tool.call.id") {
            kind = .tool
        } else if OTLPModelParameters.modelKeys.contains(where: { attributes.has($0) }) {
            kind = .generation
        } else {
            kind = .span
        }
        // A key that agrees with the kind is fully said by it; one that disagrees (an OpenInference
        // `RERANKER`, a GenAI `invoke_workflow`) stays in the metadata.
        for candidate in candidates where candidate.kind == kind { attributes.discard(candidate.key) }
        return kind
    }

    /// OpenInference span kinds, built once rather than for every span.
    private static let openInferenceKinds: [String: ObservationKind] = [
        "LLM": .generation, "CHAIN": .chain, "RETRIEVER": .retriever, "EMBEDDING": .embedding, "AGENT": .agent,
        "TOOL": .tool, "GUARDRAIL": .guardrail, "EVALUATOR": .evaluator,
    ]

    /// GenAI operation names.
    private static let operationKinds: [String: ObservationKind] = [
        "chat": .generation, "completion": .generation, "text_completion": .generation,
        "generate_content": .generation, "generate": .generation, "embeddings": .embedding,
        "invoke_agent": .agent, "create_agent": .agent, "execute_tool": .tool,
    ]

    /// The status message, else for a failed span the message of its `exception` event.
    private func statusMessage() -> String? {
        if !span.statusMessage.isEmpty { return span.statusMessage }
        guard span.statusCode == 2 else { return nil }
        return span.events.last { $0.name == "exception" }.flatMap { OTLPValues.text($0.attributes["exception.message"]) }
    }

    /// The environment from the first of Langfuse's keys set on the span or, failing that, on its
    /// resource; normalized as Langfuse does.
    private mutating func environment() -> String? {
        for key in ["langfuse.environment", "deployment.environment.name", "deployment.environment"] {
            if let raw = attributes.text(key) ?? resource.text(key) {
                resource.discard(key)
                return LangfuseEnvironment.normalize(raw)
            }
        }
        return nil
    }

    /// Langfuse's observation metadata (`langfuse.observation.metadata` and its `.<key>` form, SDK
    /// v5's JSON-encoded values decoded), OpenInference's `metadata` object, and then what nothing
    /// else used: span attributes under `attributes`, resource attributes under
    /// `resourceAttributes`, and the instrumentation scope under `scope`.
    private mutating func metadata(parameters: [String: JSONValue]?) -> JSONValue? {
        var metadata: [String: JSONValue] = [:]
        for key in ["langfuse.observation.metadata", "langfuse.metadata", "metadata"] {
            if let object = OTLPValues.object(attributes.peek(key)) {
                attributes.discard(key)
                // litellm's metadata object lists some twenty keys that are null on most calls.
                metadata.merge(object.filter { $0.value != .null }) { _, new in new }
            }
        }
        for prefix in ["langfuse.observation.metadata.", "langfuse.metadata."] {
            for (key, value) in attributes.take(prefix: prefix) { metadata[key] = OTLPValues.decoded(value) }
        }
        metadata.merge(OTLPCallFacts.read(&attributes, events: span.events, parameters: parameters)) { _, fact in fact }
        if let rest = attributes.unused { metadata["attributes"] = .object(rest) }
        if let rest = resource.unused { metadata["resourceAttributes"] = .object(rest) }
        if let scope = span.source.scopeJSON { metadata["scope"] = scope }
        return metadata.isEmpty ? nil : .object(metadata)
    }
}
