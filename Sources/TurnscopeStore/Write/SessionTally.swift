/// What one observation or trace adds to its session's aggregates, and sums of those.
///
/// The writer keeps session aggregates current by applying differences (new contribution minus
/// old) rather than recounting a session on every write, so a write costs the same in a session
/// of ten turns as in one of ten thousand.
struct SessionTally: Equatable {
    var traces: Int64 = 0
    var turns: Int64 = 0
    var errors: Int64 = 0
    var inputTokens: Int64 = 0
    var outputTokens: Int64 = 0
    var cacheReadTokens: Int64 = 0
    var cacheWriteTokens: Int64 = 0
    var reasoningTokens: Int64 = 0
    var cost: Double = 0
    var unpricedTurns: Int64 = 0
    var firstAt: Int64?
    var lastAt: Int64?
    var models: Set<String> = []

    static func + (lhs: SessionTally, rhs: SessionTally) -> SessionTally {
        var sum = lhs
        sum.add(rhs, sign: 1)
        return sum
    }

    /// Adds (`sign` 1) or removes (`sign` -1) a contribution. Times and models only ever widen:
    /// an update never makes a session's activity window smaller.
    mutating func add(_ other: SessionTally, sign: Int64) {
        traces += sign * other.traces
        turns += sign * other.turns
        errors += sign * other.errors
        inputTokens += sign * other.inputTokens
        outputTokens += sign * other.outputTokens
        cacheReadTokens += sign * other.cacheReadTokens
        cacheWriteTokens += sign * other.cacheWriteTokens
        reasoningTokens += sign * other.reasoningTokens
        cost += Double(sign) * other.cost
        unpricedTurns += sign * other.unpricedTurns
        if sign > 0 {
            widen(other.firstAt)
            widen(other.lastAt)
            models.formUnion(other.models)
        }
    }

    /// Extends the activity window to include a time.
    mutating func widen(_ time: Int64?) {
        guard let time else { return }
        firstAt = min(firstAt ?? time, time)
        lastAt = max(lastAt ?? time, time)
    }
}
