import TurnscopeModel

/// The tools the request offered the model: one line per tool (its name and the first line of its
/// description), and a fold with every definition in full. Agents offer the same dozens of tools
/// on every call, so the list stays folded to its names.
extension DetailDocument {
    mutating func appendToolsOffered(_ tools: [ToolDefinition]) {
        guard !tools.isEmpty else { return }
        title("Tools offered", detail: Self.count(tools.count, "tool"))
        for (index, tool) in tools.enumerated() {
            var spans = [Span("  "), Span(TerminalText.sanitize(tool.name), theme.header)]
            if let description = tool.description?.split(whereSeparator: \.isNewline).first {
                let room = max(0, available(indent: 4 + TerminalText.width(tool.name)))
                spans.append(Span("  " + TerminalText.truncate(TerminalText.sanitize(String(description)), to: room), theme.dimmed))
            }
            append(spans, block: "tools:\(index)")
        }
        let definitions = tools.map { TerminalText.sanitize($0.json.jsonString) }.joined(separator: "\n")
        foldLine("tools", indent: 2, label: [Span("definitions", theme.dimmed)], hidden: definitions)
        if folds.isOpen("tools") {
            for tool in tools { appendValue(tool.json, block: "tools", fold: "cap:tools", indent: 4) }
        }
    }
}
