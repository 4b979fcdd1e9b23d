import TurnscopeModel

/// The usage and cost columns of an observation, in model terms.
extension ObservationRow {
    /// The usage the client reported, rebuilt from its columns.
    var usage: Usage? {
        get {
            let other = WriteTransaction.decodeJSON(usageOther)?.objectValue?.compactMapValues(\.integerValue) ?? [:]
            let usage = Usage(
                input: inputTokens, output: outputTokens, cacheRead: cacheReadTokens,
                cacheWrite5m: cacheWrite5mTokens, cacheWrite1h: cacheWrite1hTokens, reasoning: reasoningTokens,
                total: totalTokens, other: other)
            return usage.isEmpty ? nil : usage
        }
        set {
            inputTokens = newValue?.input
            outputTokens = newValue?.output
            cacheReadTokens = newValue?.cacheRead
            cacheWrite5mTokens = newValue?.cacheWrite5m
            cacheWrite1hTokens = newValue?.cacheWrite1h
            reasoningTokens = newValue?.reasoning
            totalTokens = newValue?.total
            usageOther = (newValue?.other.isEmpty ?? true)
                ? nil : JSONValue.object(newValue!.other.mapValues { .integer($0) }).jsonString
        }
    }

    /// The cost the client reported, if it reported one.
    var clientCost: Cost? {
        guard costSource == "client", let detail = WriteTransaction.decodeJSON(costDetail) else { return nil }
        return try? Cost(json: detail, path: "")
    }

    /// The price table entry a computed cost came from.
    var priceEntry: String? { costSource == "computed" ? costEntry ?? model : costEntry }

    /// Where the cost came from.
    var costOrigin: CostSource {
        switch costSource {
        case "client": .client
        case "computed": .computed(entry: priceEntry ?? "")
        default: .unknown
        }
    }

    /// Sets the cost columns: the client's figure when it sent one (Langfuse uses a provided cost
    /// verbatim), else a figure computed from the price table, else unknown.
    mutating func price(clientCost: Cost?, with pricing: PriceTable, memo: inout PriceMemo) {
        if let clientCost {
            costUSD = clientCost.effectiveTotal
            costSource = "client"
            costEntry = nil
            costDetail = clientCost.json.jsonString
        } else if let usage, let model, let price = memo.match(model, in: pricing), let priced = price.cost(for: usage) {
            costUSD = priced.cost.effectiveTotal
            costSource = "computed"
            // Most calls name their price entry exactly: NULL then stands for the model's name.
            costEntry = priced.entry == model ? nil : priced.entry
            // No parts: the entry and the usage price them again when a turn is shown
            // (`costParts(pricing:)`); kept, they cost about 45 bytes a call.
            costDetail = nil
        } else {
            costUSD = nil
            costSource = nil
            costEntry = nil
            costDetail = nil
        }
    }
}
