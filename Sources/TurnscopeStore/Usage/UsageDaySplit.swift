/// A `since:`/`until:` window cut into the whole UTC days inside it, which the usage aggregate
/// answers, and the parts of a day left at either end, whose calls are summed one by one.
struct UsageDaySplit {
    /// The first and last whole day (days since 1970-01-01); nil where the window is open.
    var firstDay: Int64?
    var lastDay: Int64?
    /// Whether there is any whole day to read from the aggregate.
    var hasWholeDays: Bool
    /// Windows of microseconds, bounds included, whose calls are summed from their rows.
    var cuts: [(since: Int64, until: Int64)]

    /// Splits the window `since...until` (microseconds, either end open when nil).
    init(since: Int64?, until: Int64?) {
        let day = UsageCell.microsecondsPerDay
        // A day is whole when its first and last microsecond are both inside the window.
        let first = since.map { Self.floorDivide($0 + day - 1, day) }
        let last = until.map { Self.floorDivide($0 + 1, day) - 1 }
        firstDay = first
        lastDay = last
        if let since, let until, let first, let last, first > last {
            // No whole day inside: the window is a part of one day or two.
            hasWholeDays = false
            cuts = since <= until ? [(since, until)] : []
            return
        }
        hasWholeDays = true
        cuts = []
        if let since, let first, since < first * day { cuts.append((since, first * day - 1)) }
        if let until, let last, until >= (last + 1) * day { cuts.append(((last + 1) * day, until)) }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return a % b != 0 && (a < 0) != (b < 0) ? quotient - 1 : quotient
    }
}
