import Foundation
import TurnscopeModel

/// How numbers, times and money read in tables: short, fixed-width friendly, never misleading.
enum Format {
    /// `1,234,567`: a count in full, grouped by thousands.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `950`, `12.3k`, `4.56M`.
    static func tokens(_ value: Int64?) -> String {
        guard let value else { return "-" }
        let magnitude = Double(value)
        if value < 1000 { return String(value) }
        if value < 1_000_000 { return String(format: "%.1fk", magnitude / 1000) }
        return String(format: "%.2fM", magnitude / 1_000_000)
    }

    /// `$0.0123`, `$1.23`, `$123`; `?` when unknown. `partial` marks a total that misses unpriced calls.
    static func cost(_ value: Double?, partial: Bool = false) -> String {
        guard let value else { return "?" }
        let text: String
        if value == 0 {
            text = "$0"
        } else if value < 0.01 {
            text = String(format: "$%.4f", value)
        } else if value < 100 {
            text = String(format: "$%.2f", value)
        } else {
            text = String(format: "$%.0f", value)
        }
        return partial ? text + "+" : text
    }

    /// The known cost of several calls, `count` of them with `unpriced` of unknown cost: `$1.23`
    /// when every cost is known, `$1.23+` when some are missing (the total is a lower bound), and
    /// `?` when none is known, never a made-up `$0`.
    static func cost(total: Double, unpriced: Int, of count: Int) -> String {
        if count > 0, unpriced >= count, total == 0 { return "?" }
        return cost(total, partial: unpriced > 0)
    }

    /// One turn's cost: `*` marks a figure the client reported, `?` an unknown one, and `-` a call
    /// that reported no tokens at all (a failed request), which costs nothing to know.
    static func cost(of turn: TurnSummary) -> String {
        if turn.cost == nil, turn.usage == nil { return "-" }
        return cost(turn.cost) + (turn.costSource == .client ? "*" : "")
    }

    /// `850ms`, `2.4s`, `3m05s`.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds >= 0 else { return "-" }
        if seconds < 1 { return String(format: "%.0fms", seconds * 1000) }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }

    /// `2026-11-20 09:00:12` in UTC.
    static func time(_ timestamp: Timestamp?) -> String {
        guard let timestamp else { return "-" }
        let iso = timestamp.iso8601
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
    }

    /// `42%`, or `-` when there is nothing to divide.
    static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "-" }
        return String(format: "%.0f%%", ratio * 100)
    }

    /// A per-token price as dollars per million tokens.
    static func perMillion(_ price: Double?) -> String {
        guard let price else { return "-" }
        let value = price * 1_000_000
        return value < 0.1 ? String(format: "$%.4f", value) : String(format: "$%.2f", value)
    }
}
