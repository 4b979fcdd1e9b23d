/// One observation inside a trace: an LLM call (generation), a span, a tool call, an event, an
/// agent step, … as a client reports it. Every field but `id` may be missing in an update.
public struct ObservationRecord: Sendable, Hashable {
    /// The client's observation id.
    public var id: String
    /// The trace it belongs to; fixed at first write.
    public var traceId: String?
    /// The enclosing observation, if any.
    public var parentId: String?
    /// What it is; the first write that names a kind decides, as in Langfuse. An update that does
    /// not know the kind (Langfuse's `span-update` is used for every kind) leaves it nil.
    public var kind: ObservationKind?
    /// A name such as `claude_turn_3`, `tool_Read` or `ChatOpenAI`.
    public var name: String?
    /// When it started; fixed at first write.
    public var startTime: Timestamp?
    /// When it ended.
    public var endTime: Timestamp?
    /// When the first token of a streamed completion arrived.
    public var completionStartTime: Timestamp?
    /// The model name as the client sent it (`claude-sonnet-4-5-20250929`, `openai/gpt-4.1-mini`).
    public var model: String?
    /// Model parameters (temperature, max_tokens, tools, …).
    public var modelParameters: [String: JSONValue]?
    /// The prompt: messages for chat calls, JSON otherwise.
    public var input: Payload?
    /// The completion: messages for chat calls, JSON otherwise.
    public var output: Payload?
    /// Free-form metadata; objects are deep-merged across updates.
    public var metadata: JSONValue?
    /// Token counts.
    public var usage: Usage?
    /// The cost the client reported, if any.
    public var cost: Cost?
    /// Severity; `ERROR` marks a failed call.
    public var level: Level?
    /// A message explaining the level, such as the provider's error.
    public var statusMessage: String?
    /// The application's version.
    public var version: String?
    /// The deployment environment.
    public var environment: String?
    /// When the client sent this record: a later record's values win over an earlier one's.
    public var eventTime: Timestamp?
    /// The tools the request offered the model (generations only).
    public var toolDefinitions: [ToolDefinition]?
    /// The application that reported it (OTLP's resource `service.name`). Not a Langfuse field:
    /// it keeps the automatic sessions of different applications apart when a trace is first seen
    /// through this observation.
    public var service: String?

    public init(
        id: String, traceId: String? = nil, parentId: String? = nil, kind: ObservationKind?, name: String? = nil,
        startTime: Timestamp? = nil, endTime: Timestamp? = nil, completionStartTime: Timestamp? = nil,
        model: String? = nil, modelParameters: [String: JSONValue]? = nil, input: Payload? = nil,
        output: Payload? = nil, metadata: JSONValue? = nil, usage: Usage? = nil, cost: Cost? = nil,
        level: Level? = nil, statusMessage: String? = nil, version: String? = nil, environment: String? = nil,
        eventTime: Timestamp? = nil, toolDefinitions: [ToolDefinition]? = nil
    ) {
        self.id = id
        self.traceId = traceId
        self.parentId = parentId
        self.kind = kind
        self.name = name
        self.startTime = startTime
        self.endTime = endTime
        self.completionStartTime = completionStartTime
        self.model = model
        self.modelParameters = modelParameters
        self.input = input
        self.output = output
        self.metadata = metadata
        self.usage = usage
        self.cost = cost
        self.level = level
        self.statusMessage = statusMessage
        self.version = version
        self.environment = environment
        self.eventTime = eventTime
        self.toolDefinitions = toolDefinitions
    }
}
