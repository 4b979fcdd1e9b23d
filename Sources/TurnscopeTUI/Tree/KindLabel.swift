import TurnscopeModel

/// How the tree names an observation's kind: a short word in a colour with an attribute, so the
/// kinds stay apart in monochrome too (LLM calls and tools bold, plumbing dim).
enum KindLabel {
    /// The word, at most five columns: `llm`, `tool`, `span`, `event`, `retr`, …
    static func text(_ kind: ObservationKind) -> String {
        switch kind {
        case .generation: "llm"
        case .span: "span"
        case .tool: "tool"
        case .event: "event"
        case .agent: "agent"
        case .retriever: "retr"
        case .embedding: "embed"
        case .chain: "chain"
        case .guardrail: "guard"
        case .evaluator: "eval"
        }
    }

    static func style(_ kind: ObservationKind, theme: Theme) -> Style {
        switch kind {
        case .generation: Style(foreground: .cyan, bold: true)
        case .tool: theme.toolName
        case .event: Style(foreground: .yellow)
        case .retriever, .embedding: Style(foreground: .green)
        case .agent, .chain, .span: Style(foreground: .blue)
        case .guardrail, .evaluator: Style(foreground: .magenta)
        }
    }
}
