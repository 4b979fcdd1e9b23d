import ArgumentParser
import TurnscopeModel

/// `--since`: an ISO-8601 time, or a date meaning its midnight UTC.
enum SinceArgument {
    /// The time `text` names, nil when the option was not given.
    static func parse(_ text: String?) throws -> Timestamp? {
        guard let text else { return nil }
        guard let time = Timestamp(iso8601: text) ?? Timestamp(iso8601: text + "T00:00:00Z") else {
            throw ValidationError("--since: not a date or ISO-8601 time: \(text)")
        }
        return time
    }
}
