import TurnscopeModel

/// The parts of an observation's metadata that many rows repeat, kept as blobs the row references
/// rather than as JSON text on every row; readers see the metadata whole again.
///
/// - The *process* part is what every span of one process repeats: the OTLP resource's attributes
///   (`service.name`, `telemetry.sdk.*`, `process.*`, `host.name`, …) and the instrumentation
///   scope, about 500 bytes of JSON from a Python process.
/// - The *call* part is what calls alike repeat: the attributes no field took (an
///   instrumentation sends the same server address, port and requested model on every call) and
///   the call facts with few values (provider, finish reason, whether it streamed). A span's
///   response id, different on every call, stays in the row.
enum SharedMetadata {
    /// The top-level keys of the process part.
    static let processKeys = ["resourceAttributes", "scope"]
    /// The top-level keys of the call part.
    static let callKeys = ["attributes", "provider", "finishReason", "stream"]

    /// Metadata cut into the row's own keys and the two repeated parts (each nil when empty).
    struct Parts: Equatable {
        var own: JSONValue?
        var process: JSONValue?
        var call: JSONValue?
    }

    /// The metadata cut into its parts; metadata that is not an object is the row's own.
    static func split(_ metadata: JSONValue?) -> Parts {
        guard case .object(var own)? = metadata else { return Parts(own: metadata) }
        let process = take(processKeys, from: &own)
        let call = take(callKeys, from: &own)
        return Parts(own: own.isEmpty && (process != nil || call != nil) ? nil : .object(own), process: process, call: call)
    }

    private static func take(_ keys: [String], from object: inout [String: JSONValue]) -> JSONValue? {
        var taken: [String: JSONValue] = [:]
        for key in keys {
            if let value = object.removeValue(forKey: key) { taken[key] = value }
        }
        return taken.isEmpty ? nil : .object(taken)
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
