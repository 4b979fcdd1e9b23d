/// Exponential backoff with jitter: each failure in a row doubles the delay, up to a cap, and a
/// random part spreads retries so many Turnscopes behind one server do not knock in step.
struct Backoff {
    let initial: Double
    let maximum: Double
    private(set) var failures = 0

    init(initial: Double, maximum: Double) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Records a failure and returns how long to wait: the server's `Retry-After` when it sent one
    /// (capped at ten minutes), else the doubled delay with jitter between half and all of it.
    mutating func fail(retryAfter: Double?) -> Double {
        failures += 1
        if let retryAfter, retryAfter >= 0 { return min(retryAfter, 600) }
        let exponential = min(maximum, initial * Double(1 << min(failures - 1, 20)))
        return exponential * Double.random(in: 0.5...1)
    }

    mutating func succeed() { failures = 0 }
}
