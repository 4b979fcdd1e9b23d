import Foundation
import TurnscopeModel

/// Numbers, money, durations and times as the browser's columns show them: short, aligned, and
/// never a misleading zero for something unknown.
public enum Formatting {
    /// `950`, `12.3k`, `4.56M`; `–` for nil.
    public static func tokens(_ value: Int64?) -> String {
        guard let value else { return "–" }
        let v = Double(value)
        switch abs(v) {
        case ..<1_000: return String(value)
        case ..<10_000: return String(format: "%.2fk", v / 1_000)
        case ..<1_000_000: return String(format: "%.1fk", v / 1_000)
        case ..<10_000_000: return String(format: "%.2fM", v / 1_000_000)
        default: return String(format: "%.1fM", v / 1_000_000)
        }
    }

    /// `$0.0123`, `$1.23`, `$1,234`; `?` when unknown (never `$0`).
    public static func money(_ value: Double?) -> String {
        guard let value else { return "?" }
        if value == 0 { return "$0" }
        if value < 0.0001 { return "<$0.0001" }
        if value < 1 { return String(format: "$%.4f", value) }
        if value < 1_000 { return String(format: "$%.2f", value) }
        return "$" + grouped(Int64(value.rounded()))
    }

    /// `340ms`, `1.2s`, `2m05s`; `–` for nil.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds >= 0 else { return "–" }
        if seconds < 1 { return String(format: "%.0fms", seconds * 1_000) }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3_600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3_600, (whole % 3_600) / 60)
    }

    /// `37%`; `–` for nil.
    public static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "–" }
        return String(format: "%.0f%%", ratio * 100)
    }

    /// How long before `now`: `12s`, `5m`, `3h`, `2d`.
    public static func age(_ time: Timestamp?, now: Timestamp) -> String {
        guard let time else { return "–" }
        let seconds = max(0, time.seconds(until: now))
        switch seconds {
        case ..<60: return "\(Int(seconds))s"
        case ..<3_600: return "\(Int(seconds / 60))m"
        case ..<86_400: return "\(Int(seconds / 3_600))h"
        default: return "\(Int(seconds / 86_400))d"
        }
    }

    /// `2026-11-23 14:03:22` in UTC, so screens read the same on every machine.
    public static func dateTime(_ time: Timestamp?) -> String {
        guard let time else { return "–" }
        return String(timeFormat(time).prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    /// `14:03:22.120` in UTC.
    public static func timeOfDay(_ time: Timestamp?) -> String {
        guard let time else { return "–" }
        let text = timeFormat(time)
        return String(text.dropFirst(11).prefix(12))
    }

    /// `1,234,567`.
    public static func grouped(_ value: Int64) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    private static func timeFormat(_ time: Timestamp) -> String {
        time.iso8601
    }
}
