/// What an observation is: an LLM call, a span of work, a tool call, a point-in-time event, …
///
/// The names are Langfuse's observation types, lowercased, so the mirror maps them one to one.
public enum ObservationKind: String, Sendable, Hashable, CaseIterable, Codable {
    case generation, span, tool, event, agent, retriever, embedding, chain, guardrail, evaluator

    /// Whether this kind is an LLM call that counts as a turn.
    public var isTurn: Bool { self == .generation }
}
