import TurnscopeModel

/// Tokens and cost by part: uncached input, cache reads and writes, output and the reasoning inside
/// it, and the total; where the cost came from; the cache hit ratio. An unknown cost reads
/// "unknown", never $0.
extension DetailDocument {
    mutating func appendUsage(_ turn: LoadedTurn) {
        let detail = turn.detail
        let summary = detail.summary
        let known = summary.costSource != .unknown
        title("Usage")
        let start = lines.count
        guard let usage = summary.usage ?? detail.observation.usage, !usage.isEmpty else {
            append([Span("  no usage reported", theme.dimmed)], block: "usage")
            appendCostSource(turn)
            return
        }
        append([Span(Self.row("", "tokens", "cost"), theme.dimmed)], block: "usage")
        var rows: [(String, Int64?, Double?)] = [
            ("input (uncached)", usage.input, detail.costParts["input"]),
            ("cache read", usage.cacheRead, detail.costParts["cacheRead"]),
            ("cache write 5m", usage.cacheWrite5m, detail.costParts["cacheWrite5m"]),
            ("cache write 1h", usage.cacheWrite1h, detail.costParts["cacheWrite1h"]),
            ("output", usage.output, detail.costParts["output"]),
            ("  of it reasoning", usage.reasoning, detail.costParts["reasoning"]),
        ]
        for (name, value) in usage.other.sorted(by: { $0.key < $1.key }) { rows.append((name, value, detail.costParts[name])) }
        for (name, tokens, cost) in rows {
            let costText = known ? cost.map(Formatting.money) ?? "–" : "–"
            append([Span(Self.row(name, tokens.map(Formatting.grouped) ?? "–", costText))], block: "usage")
        }
        let total = Self.row("total", Formatting.grouped(usage.effectiveTotal), known ? Formatting.money(summary.cost) : "unknown")
        append([Span(total, known ? Style(bold: true) : theme.warning)], block: "usage")
        if usage.promptTokens > 0, let read = usage.cacheRead {
            let ratio = Double(read) / Double(usage.promptTokens)
            append(
                [Span("  cache hit ", theme.dimmed), Span(Formatting.percent(ratio)),
                 Span(" of \(Formatting.grouped(usage.promptTokens)) prompt tokens", theme.dimmed)], block: "usage")
        }
        appendCostSource(turn)
        setText(lines[start...].map(\.plainText).joined(separator: "\n"), for: "usage")
    }

    /// Where the cost came from: the client, a price entry, or nowhere.
    private mutating func appendCostSource(_ turn: LoadedTurn) {
        switch turn.detail.summary.costSource {
        case .client:
            append([Span("  cost ", theme.dimmed), Span("reported by the client")], block: "usage")
        case .computed(let entry):
            let name = turn.detail.costEntry ?? entry
            append([Span("  cost ", theme.dimmed), Span("computed"), Span(" with price entry ", theme.dimmed), Span(name)], block: "usage")
        case .unknown:
            let model = turn.detail.summary.model ?? "this model"
            let words: [[Span]] = [
                [Span("cost unknown:", theme.warning)], [Span("no price for " + model, theme.dimmed)],
                [Span("and the client sent none", theme.dimmed)],
            ]
            for line in FlowLine.lines(words, width: width - 4, separator: Span(" ")) { append([Span("  ")] + line, block: "usage") }
        }
    }

    /// A usage row: the name, then tokens and cost right-aligned in fixed columns.
    private static func row(_ name: String, _ tokens: String, _ cost: String) -> String {
        "  " + TerminalText.fit(name, to: 18) + TerminalText.fit(tokens, to: 10, alignRight: true)
            + TerminalText.fit(cost, to: 11, alignRight: true)
    }
}
