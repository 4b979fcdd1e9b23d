import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// The OTLP log fixtures of the shared reference's `agents/fixtures` (Gemini CLI's logs and spans,
/// the GenAI semconv events), copied into `Fixtures/otlp`, and small edits of them: the same
/// export without ids, split in two, or with records left out.
enum GenAILogFixture {
    static func data(_ name: String, _ ext: String) throws -> Data {
        try OTLPFixture.data(name, ext)
    }

    static func logs(json name: String) throws -> OTLPBatch {
        try OTLPLogs.decode(json: data(name, "json"))
    }

    static func logs(protobuf name: String) throws -> OTLPBatch {
        try OTLPLogs.decode(protobuf: data(name, "pb"))
    }

    /// The JSON export as a value to edit.
    static func export(_ name: String) throws -> JSONValue {
        try JSONText.parse(data(name, "json"))
    }

    /// Decodes an edited export.
    static func decode(_ export: JSONValue) throws -> OTLPBatch {
        try OTLPLogs.decode(json: JSONText.data(export))
    }

    /// The export with every member named in `keys` removed, at any depth (`traceId`, `spanId`).
    static func removing(_ keys: Set<String>, from value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(members.filter { !keys.contains($0.key) }.mapValues { removing(keys, from: $0) })
        case .array(let elements):
            .array(elements.map { removing(keys, from: $0) })
        default:
            value
        }
    }

    /// The export with each scope's log records replaced by `transform(records, scope index)`.
    static func editingRecords(_ export: JSONValue, _ transform: ([JSONValue], Int) -> [JSONValue]) -> JSONValue {
        guard case .object(var root) = export, case .array(var resources)? = root["resourceLogs"] else { return export }
        var scopeIndex = 0
        for (r, resource) in resources.enumerated() {
            guard case .object(var resourceObject) = resource, case .array(var scopes)? = resourceObject["scopeLogs"]
            else { continue }
            for (s, scope) in scopes.enumerated() {
                guard case .object(var scopeObject) = scope else { continue }
                scopeObject["logRecords"] = .array(transform(scopeObject["logRecords"]?.arrayValue ?? [], scopeIndex))
                scopes[s] = .object(scopeObject)
                scopeIndex += 1
            }
            resourceObject["scopeLogs"] = .array(scopes)
            resources[r] = .object(resourceObject)
        }
        root["resourceLogs"] = .array(resources)
        return .object(root)
    }

    // MARK: - OTLP/JSON values

    /// An attribute of a log record in OTLP/JSON form.
    static func attribute(_ key: String, _ value: JSONValue) -> JSONValue {
        ["key": .string(key), "value": value]
    }

    static func string(_ text: String) -> JSONValue { ["stringValue": .string(text)] }

    static func int(_ value: Int64) -> JSONValue { ["intValue": .string(String(value))] }

    static func array(_ values: [JSONValue]) -> JSONValue { ["arrayValue": ["values": .array(values)]] }

    /// A `kvlistValue`, members in the order given.
    static func kvlist(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        ["kvlistValue": ["values": .array(members.map { attribute($0.key, $0.value) })]]
    }
}

extension OTLPBatch {
    /// The observations with this id, in record order (a decoder may write several updates).
    func genAIObservations(_ id: String) -> [ObservationRecord] {
        observations.filter { $0.id == id }
    }

    /// The session records.
    var genAISessions: [SessionRecord] {
        records.compactMap { if case .session(let session) = $0 { session } else { nil } }
    }
}
