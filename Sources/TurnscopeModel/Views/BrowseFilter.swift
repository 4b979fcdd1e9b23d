/// Which sessions and turns a list shows: by model, user, tag, source, project, errors, cost and time.
///
/// Written and shown as words, `model:sonnet user:alice tag:prod errors cost>0.05 since:2h`, so the
/// active filter is always readable in one line and can be typed back.
public struct BrowseFilter: Sendable, Hashable {
    /// Part of the model name (case-insensitive).
    public var model: String?
    /// Part of the user id (case-insensitive).
    public var user: String?
    /// A trace tag, exactly.
    public var tag: String?
    /// Part of the session's source (`claude-code`, `codex`, `langfuse`, `otlp`, `native`).
    public var source: String?
    /// Part of the session's project (an agent's working directory).
    public var project: String?
    /// Failed calls only.
    public var errorsOnly: Bool
    /// Cost strictly above this many USD.
    public var minimumCost: Double?
    /// Activity at or after this time.
    public var since: Timestamp?
    /// Activity at or before this time.
    public var until: Timestamp?
    /// The words as typed, for display (relative times stay relative).
    public private(set) var text: String

    public init(
        model: String? = nil, user: String? = nil, tag: String? = nil, source: String? = nil, project: String? = nil,
        errorsOnly: Bool = false,
        minimumCost: Double? = nil, since: Timestamp? = nil, until: Timestamp? = nil
    ) {
        self.model = model
        self.user = user
        self.tag = tag
        self.source = source
        self.project = project
        self.errorsOnly = errorsOnly
        self.minimumCost = minimumCost
        self.since = since
        self.until = until
        text = ""
        text = canonicalText
    }

    /// Whether it lets everything through.
    public var isEmpty: Bool {
        model == nil && user == nil && tag == nil && source == nil && project == nil && !errorsOnly && minimumCost == nil && since == nil && until == nil
    }

    private var canonicalText: String {
        var words: [String] = []
        if let model { words.append("model:" + model) }
        if let user { words.append("user:" + user) }
        if let tag { words.append("tag:" + tag) }
        if let source { words.append("source:" + source) }
        if let project { words.append("project:" + project) }
        if errorsOnly { words.append("errors") }
        if let minimumCost { words.append("cost>\(minimumCost)") }
        if let since { words.append("since:" + since.iso8601) }
        if let until { words.append("until:" + until.iso8601) }
        return words.joined(separator: " ")
    }

    /// Parses filter words. `since:`/`until:` take a duration before `now` (`30m`, `2h`, `7d`) or an
    /// ISO-8601 date or time. Unknown words are an error naming the word, so a typo never silently
    /// widens or empties a list.
    public static func parse(_ text: String, now: Timestamp) throws(BrowseFilterError) -> BrowseFilter {
        var filter = BrowseFilter()
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let lower = word.lowercased()
            if lower == "errors" || lower == "error" || lower == "errors:only" {
                filter.errorsOnly = true
            } else if lower.hasPrefix("cost>") {
                guard let value = Double(word.dropFirst(5)), value >= 0 else {
                    throw BrowseFilterError("\(word): cost> needs a number of USD, e.g. cost>0.05")
                }
                filter.minimumCost = value
            } else if let colon = word.firstIndex(of: ":") {
                let key = word[..<colon].lowercased()
                let value = String(word[word.index(after: colon)...])
                guard !value.isEmpty else { throw BrowseFilterError("\(word): \(key): needs a value") }
                switch key {
                case "model": filter.model = value
                case "user": filter.user = value
                case "tag": filter.tag = value
                case "source": filter.source = value
                case "project": filter.project = value
                case "since": filter.since = try time(value, now: now, word: word)
                case "until": filter.until = try time(value, now: now, word: word)
                default:
                    throw BrowseFilterError("\(word): unknown filter; use model: user: tag: source: project: errors cost> since: until:")
                }
            } else {
                throw BrowseFilterError("\(word): unknown filter; use model: user: tag: source: project: errors cost> since: until:")
            }
        }
        filter.text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return filter
    }

    private static func time(_ value: String, now: Timestamp, word: String) throws(BrowseFilterError) -> Timestamp {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        if let unit = value.last, let scale = units[unit], let amount = Double(value.dropLast()), amount >= 0 {
            return now.adding(seconds: -amount * scale)
        }
        if let time = Timestamp(iso8601: value) ?? Timestamp(iso8601: value + "T00:00:00Z") { return time }
        throw BrowseFilterError("\(word): give a duration such as 30m, 2h, 7d, or a date such as 2026-11-20")
    }
}

/// Why filter words could not be read.
public struct BrowseFilterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, starting with the word it is about.
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
