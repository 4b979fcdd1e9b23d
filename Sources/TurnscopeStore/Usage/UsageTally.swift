/// What LLM calls add to one cell of the usage aggregate, and sums of those.
///
/// The writer keeps the aggregate current by applying differences (a call's new contribution
/// minus its old one), as it does for sessions (`SessionTally`): a call whose usage arrives late,
/// that fails later, or whose start is corrected moves between cells or changes its own.
struct UsageTally: Equatable {
    /// A token counter's sum, and how many calls reported it: the stats show a counter no call
    /// reported as unknown (`–`), not as zero, so that has to survive the differences too.
    struct Counter: Equatable {
        var tokens: Int64 = 0
        var calls: Int64 = 0

        init() {}

        init(_ reported: Int64?) {
            tokens = reported ?? 0
            calls = reported == nil ? 0 : 1
        }

        mutating func add(_ other: Counter, sign: Int64) {
            tokens += sign * other.tokens
            calls += sign * other.calls
        }
    }

    var calls: Int64 = 0
    var input = Counter()
    var output = Counter()
    var cacheRead = Counter()
    var cacheWrite5m = Counter()
    var cacheWrite1h = Counter()
    var reasoning = Counter()
    var cost: Double = 0
    var unpricedCalls: Int64 = 0

    /// Adds (`sign` 1) or removes (`sign` -1) a contribution.
    mutating func add(_ other: UsageTally, sign: Int64) {
        calls += sign * other.calls
        input.add(other.input, sign: sign)
        output.add(other.output, sign: sign)
        cacheRead.add(other.cacheRead, sign: sign)
        cacheWrite5m.add(other.cacheWrite5m, sign: sign)
        cacheWrite1h.add(other.cacheWrite1h, sign: sign)
        reasoning.add(other.reasoning, sign: sign)
        cost += Double(sign) * other.cost
        unpricedCalls += sign * other.unpricedCalls
    }
}

extension ObservationRow {
    /// The cell of the usage aggregate this row counts in and what it adds there; nil when it is
    /// not an LLM call. The same test and sums as the stats' scan of the rows (`kind =
    /// 'generation'`, `unpricedCondition`).
    var usageContribution: (cell: UsageCell, tally: UsageTally)? {
        guard kind == "generation" else { return nil }
        let tally = UsageTally(
            calls: 1, input: .init(inputTokens), output: .init(outputTokens), cacheRead: .init(cacheReadTokens),
            cacheWrite5m: .init(cacheWrite5mTokens), cacheWrite1h: .init(cacheWrite1hTokens), reasoning: .init(reasoningTokens),
            cost: costUSD ?? 0, unpricedCalls: costUSD == nil && hasTokens ? 1 : 0)
        return (UsageCell(day: UsageCell.day(of: startAt), model: model, failed: level == "ERROR"), tally)
    }
}
