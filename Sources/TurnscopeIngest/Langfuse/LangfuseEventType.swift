import TurnscopeModel

/// The `type` of an ingestion event (CONTRACT.md §3.3) and what it implies for the record.
enum LangfuseEventType: String, CaseIterable {
    case traceCreate = "trace-create"
    case spanCreate = "span-create"
    case spanUpdate = "span-update"
    case generationCreate = "generation-create"
    case generationUpdate = "generation-update"
    case eventCreate = "event-create"
    // Server-side additions (not in the Fern union): generation bodies with another type.
    case agentCreate = "agent-create"
    case toolCreate = "tool-create"
    case chainCreate = "chain-create"
    case retrieverCreate = "retriever-create"
    case evaluatorCreate = "evaluator-create"
    case embeddingCreate = "embedding-create"
    case guardrailCreate = "guardrail-create"
    case scoreCreate = "score-create"
    case sdkLog = "sdk-log"
    // Legacy: the body's own `type` (GENERATION, SPAN or EVENT) says what it is.
    case observationCreate = "observation-create"
    case observationUpdate = "observation-update"
    // Accepted by the type check but refused: internal to Langfuse.
    case datasetRunItemCreate = "dataset-run-item-create"

    /// Whether the event updates an observation; Langfuse processes updates after creates.
    var isUpdate: Bool { self == .spanUpdate || self == .generationUpdate || self == .observationUpdate }

    /// Whether the body is an observation.
    var isObservation: Bool {
        switch self {
        case .traceCreate, .scoreCreate, .sdkLog, .datasetRunItemCreate: false
        default: true
        }
    }

    /// The kind the event type names. `span-update` names none: SDKs use it to update every kind
    /// (an agent, a tool, …), so claiming `span` would mislabel them.
    var observationKind: ObservationKind? {
        switch self {
        case .spanCreate: .span
        case .generationCreate, .generationUpdate: .generation
        case .eventCreate: .event
        case .agentCreate: .agent
        case .toolCreate: .tool
        case .chainCreate: .chain
        case .retrieverCreate: .retriever
        case .evaluatorCreate: .evaluator
        case .embeddingCreate: .embedding
        case .guardrailCreate: .guardrail
        default: nil
        }
    }

    /// Whether the body schema is Langfuse's generation body (model, usage, cost, prompt, …).
    var hasGenerationFields: Bool {
        switch self {
        case .generationCreate, .generationUpdate, .agentCreate, .toolCreate, .chainCreate, .retrieverCreate,
            .evaluatorCreate, .embeddingCreate, .guardrailCreate, .observationCreate, .observationUpdate:
            true
        default:
            false
        }
    }

    /// Whether the body schema has `endTime` (events are points in time).
    var hasEndTime: Bool { isObservation && self != .eventCreate }

    /// The types a client may send, for error messages.
    static let accepted: String = allCases.filter { $0 != .datasetRunItemCreate }.map(\.rawValue).joined(separator: ", ")
}
