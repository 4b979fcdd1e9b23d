import TurnscopeModel

/// A span's attributes that remember which ones the mapping used, so that the rest, and only the
/// rest, can be kept in the observation's metadata (`metadata.attributes`) without repeating the
/// model, the messages or the token counts a second time.
struct OTLPAttributes {
    private let values: [String: JSONValue]
    private var used: Set<String> = []
    private var usedPrefixes: [String] = []

    init(_ values: [String: JSONValue]) {
        self.values = values
    }

    /// Whether the key is present (not null), without using it.
    func has(_ key: String) -> Bool {
        if let value = values[key], value != .null { return true }
        return false
    }

    /// Whether any key starts with the prefix, without using it.
    func has(prefix: String) -> Bool {
        values.keys.contains { $0.hasPrefix(prefix) }
    }

    /// The value of a key, marking it used; nil when absent or null.
    mutating func take(_ key: String) -> JSONValue? {
        guard let value = values[key], value != .null else { return nil }
        used.insert(key)
        return value
    }

    /// The first of `keys` that holds a non-empty scalar, as text; Langfuse's "first match wins".
    /// Only the winner is marked used, so a disagreeing runner-up stays visible in the metadata.
    mutating func text(_ keys: String...) -> String? {
        text(keys)
    }

    /// See `text(_:)`.
    mutating func text(_ keys: [String]) -> String? {
        for key in keys {
            if let text = OTLPValues.text(values[key]) {
                used.insert(key)
                return text
            }
        }
        return nil
    }

    /// `text(_:)` among the keys no mapping has used or set aside yet.
    mutating func unusedText(_ keys: String...) -> String? {
        unusedText(keys)
    }

    /// See `unusedText(_:)`.
    mutating func unusedText(_ keys: [String]) -> String? {
        text(keys.filter { !isUsed($0) })
    }

    /// Whether a mapping used the key or set it aside.
    func isUsed(_ key: String) -> Bool {
        used.contains(key) || usedPrefixes.contains { key.hasPrefix($0) }
    }

    /// The first of `keys` present, marking it used.
    mutating func first(_ keys: [String]) -> (key: String, value: JSONValue)? {
        for key in keys {
            if let value = take(key) { return (key, value) }
        }
        return nil
    }

    /// The value of a key without marking it used; nil when absent or null.
    func peek(_ key: String) -> JSONValue? {
        guard let value = values[key], value != .null else { return nil }
        return value
    }

    /// Every attribute under `prefix` (the prefix stripped from the keys) except the `except`
    /// suffixes, marking those returned used.
    mutating func take(prefix: String, except: Set<String> = []) -> [String: JSONValue] {
        var found: [String: JSONValue] = [:]
        for (key, value) in values where key.hasPrefix(prefix) && value != .null {
            let suffix = String(key.dropFirst(prefix.count))
            guard !except.contains(suffix) else { continue }
            found[suffix] = value
            used.insert(key)
        }
        return found
    }

    /// Marks keys used without reading them: alternatives to a value already taken, and internal
    /// keys that mean nothing to a reader (`langfuse.internal.*`).
    mutating func discard(_ keys: String...) {
        used.formUnion(keys)
    }

    /// Marks those of `keys` whose text is `value` used: once a field holds the value, an
    /// alternative key that says the same adds nothing, while one that says otherwise stays visible.
    mutating func discard(_ keys: [String], repeating value: String?) {
        guard let value else { return }
        for key in keys where OTLPValues.text(values[key]) == value { used.insert(key) }
    }

    /// Marks every key under the prefix used.
    mutating func discard(prefix: String) {
        usedPrefixes.append(prefix)
    }

    /// The attributes nothing used, nil when there are none.
    var unused: [String: JSONValue]? {
        var rest: [String: JSONValue] = [:]
        for (key, value) in values where !used.contains(key) && !usedPrefixes.contains(where: { key.hasPrefix($0) }) {
            rest[key] = value
        }
        return rest.isEmpty ? nil : rest
    }
}
