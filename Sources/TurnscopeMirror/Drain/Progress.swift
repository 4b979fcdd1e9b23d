/// How far one delivery got.
enum Progress {
    /// Every record is upstream.
    case delivered
    /// Some records were refused as invalid and parked; the rest are upstream.
    case parked
    /// A failure a retry may fix stopped the delivery; what was not delivered stays pending.
    case stopped(reason: String, retryAfter: Double?)

    /// The combined progress of two deliveries made in turn (the second only if the first did not stop).
    func then(_ next: () -> Progress) -> Progress {
        if case .stopped = self { return self }
        let second = next()
        if case .stopped = second { return second }
        if case .parked = self { return .parked }
        return second
    }
}
