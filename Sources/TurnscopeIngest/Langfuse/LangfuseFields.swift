import TurnscopeModel

/// Field rules of Langfuse's ingestion schemas (CONTRACT.md §3.2–§3.4) that `FieldReader` does
/// not know, each failing with the path and the rule broken.
enum LangfuseFields {
    /// Units Langfuse accepts in legacy `usage`.
    static let usageUnits: Set<String> = ["CHARACTERS", "TOKENS", "MILLISECONDS", "SECONDS", "IMAGES", "REQUESTS"]

    /// An optional id: Langfuse's `idSchema`, 1–800 characters without a carriage return (ids
    /// become blob-storage keys there, and a mirror must forward only ids Langfuse takes).
    static func id(_ reader: FieldReader, _ key: String) throws(FieldError) -> String? {
        guard let id = try reader.string(key) else { return nil }
        guard !id.isEmpty else { throw FieldError(path: reader.path(of: key), reason: "must not be empty") }
        // JavaScript counts UTF-16 code units.
        let length = id.utf16.count
        guard length <= 800 else {
            throw FieldError(path: reader.path(of: key), reason: "must be at most 800 characters, got \(length)")
        }
        // Bytes, not Characters: "\r\n" is one Character and would hide its "\r".
        guard !id.utf8.contains(0x0D) else {
            throw FieldError(path: reader.path(of: key), reason: "must not contain a carriage return")
        }
        return id
    }

    /// A required id.
    static func requiredId(_ reader: FieldReader, _ key: String) throws(FieldError) -> String {
        guard let id = try id(reader, key) else { throw FieldError(path: reader.path(of: key), reason: "is required") }
        return id
    }

    /// An optional string of at most `maximum` UTF-16 code units.
    static func string(_ reader: FieldReader, _ key: String, maximum: Int) throws(FieldError) -> String? {
        guard let text = try reader.string(key) else { return nil }
        let length = text.utf16.count
        guard length <= maximum else {
            throw FieldError(path: reader.path(of: key), reason: "must be at most \(maximum) characters, got \(length)")
        }
        return text
    }

    /// The observation level: this endpoint's enum is strict, so case matters.
    static func level(_ reader: FieldReader) throws(FieldError) -> Level? {
        guard let text = try reader.string("level") else { return nil }
        guard let level = Level(rawValue: text) else {
            throw FieldError(path: reader.path(of: "level"), reason: "must be DEBUG, DEFAULT, WARNING or ERROR, got \"\(text.prefix(40))\"")
        }
        return level
    }

    /// The environment, normalized; nil when absent, so that an update never overwrites the
    /// environment its create set (it is fixed at first write anyway).
    static func environment(_ reader: FieldReader) throws(FieldError) -> String? {
        try reader.string("environment").map(LangfuseEnvironment.normalize)
    }

    /// The legacy `usage` object, checked: token counts must be integers (a fractional one makes
    /// the whole event invalid on Langfuse's server), costs numbers, the unit one of Langfuse's.
    static func legacyUsage(_ body: FieldReader) throws(FieldError) -> [String: JSONValue]? {
        guard let usage = try body.nested("usage") else { return nil }
        for key in ["input", "output", "total", "promptTokens", "completionTokens", "totalTokens"] {
            _ = try usage.integer(key)
        }
        for key in ["inputCost", "outputCost", "totalCost"] {
            _ = try usage.number(key)
        }
        if let unit = try usage.string("unit"), !usageUnits.contains(unit) {
            throw FieldError(
                path: usage.path(of: "unit"),
                reason: "must be one of \(usageUnits.sorted().joined(separator: ", ")), got \"\(unit.prefix(40))\"")
        }
        return usage.object
    }

    /// `promptName` and `promptVersion` come together or not at all; Langfuse refuses the event
    /// otherwise. Like its check, an empty name and version 0 count as absent.
    static func checkPrompt(_ body: FieldReader) throws(FieldError) {
        let hasName = !(try body.string("promptName") ?? "").isEmpty
        let hasVersion = (try body.integer("promptVersion") ?? 0) != 0
        if hasName, !hasVersion {
            throw FieldError(path: body.path(of: "promptVersion"), reason: "is required with promptName (send both or neither)")
        }
        if hasVersion, !hasName {
            throw FieldError(path: body.path(of: "promptName"), reason: "is required with promptVersion (send both or neither)")
        }
    }
}
