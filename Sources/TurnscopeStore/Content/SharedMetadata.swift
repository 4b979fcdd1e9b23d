import TurnscopeModel

/// The part of an observation's metadata that every span of one process repeats: the OTLP
/// resource's attributes (`service.name`, `telemetry.sdk.*`, `process.*`, `host.name`, …) and the
/// instrumentation scope. Stored once per distinct value as a blob the row references, not as
/// about 500 bytes of JSON on every row; readers see the metadata whole again.
enum SharedMetadata {
    /// The top-level metadata keys kept apart.
    static let keys = ["resourceAttributes", "scope"]

    /// The metadata without the shared keys, and the shared keys alone (nil when there are none).
    static func split(_ metadata: JSONValue?) -> (own: JSONValue?, shared: JSONValue?) {
        guard case .object(var own)? = metadata else { return (metadata, nil) }
        var shared: [String: JSONValue] = [:]
        for key in keys {
            if let value = own.removeValue(forKey: key) { shared[key] = value }
        }
        guard !shared.isEmpty else { return (metadata, nil) }
        return (own.isEmpty ? nil : .object(own), .object(shared))
    }

    /// The metadata as the client sent it: the row's own keys with the shared ones put back. A key
    /// in both (a row written before the split kept everything in `metadata`) is the row's own.
    static func join(own: JSONValue?, shared: JSONValue?) -> JSONValue? {
        guard case .object(let sharedKeys)? = shared else { return own }
        guard let own else { return shared }
        guard case .object(let ownKeys) = own else { return own }
        return .object(sharedKeys.merging(ownKeys) { _, ownValue in ownValue })
    }
}
