import Foundation
import TurnscopeModel

/// Reads an OTLP/JSON `ExportLogsServiceRequest` into log records, with the span reader's rules:
/// hex (or base64) ids, 64-bit integers as numbers or strings, unknown fields ignored, and a record
/// with a malformed id refused on its own.
enum OTLPLogJSONReader {
    private static let messageName = "ExportLogsServiceRequest"

    static func read(_ data: Data) throws(OTLPDecodeError) -> OTLPLogList {
        let request = try OTLPJSONReader.document(data, named: messageName)
        var list = OTLPLogList()
        var index = 0
        for (resourceIndex, resourceLogs) in try OTLPJSONReader.array(request["resourceLogs"], "resourceLogs", messageName)
            .enumerated()
        {
            let resourcePath = "resourceLogs[\(resourceIndex)]"
            let resource = try OTLPJSONReader.object(resourceLogs, resourcePath, messageName)
            let resourceAttributes = OTLPJSONReader.attributes(resource["resource"]?["attributes"])
            // `instrumentationLibraryLogs` is the name before OTLP 0.15.
            let scopesKey = resource["scopeLogs"] != nil ? "scopeLogs" : "instrumentationLibraryLogs"
            for (scopeIndex, scopeLogs) in try OTLPJSONReader.array(
                resource[scopesKey], "\(resourcePath).\(scopesKey)", messageName
            ).enumerated() {
                let scopePath = "\(resourcePath).\(scopesKey)[\(scopeIndex)]"
                let scopeObject = try OTLPJSONReader.object(scopeLogs, scopePath, messageName)
                let scope = scopeObject["scope"] ?? scopeObject["instrumentationLibrary"]
                let source = OTLPSource(
                    resourceAttributes: resourceAttributes, scopeName: scope?["name"]?.stringValue ?? "",
                    scopeVersion: scope?["version"]?.stringValue ?? "")
                for record in try OTLPJSONReader.array(scopeObject["logRecords"], "\(scopePath).logRecords", messageName) {
                    defer { index += 1 }
                    guard case .object(let fields) = record else {
                        list.rejections.append("log record \(index) is not an object")
                        continue
                    }
                    if let record = read(record: fields, index: index, source: source, rejections: &list.rejections) {
                        list.records.append(record)
                    }
                }
            }
        }
        return list
    }

    private static func read(
        record fields: [String: JSONValue], index: Int, source: OTLPSource, rejections: inout [String]
    ) -> OTLPLogRecord? {
        func id(_ key: String, _ byteCount: Int) -> OTLPIdentifier.Outcome {
            switch fields[key] {
            case nil, .null?: .absent
            case .string(let text)?: OTLPIdentifier.read(text: text, field: key, byteCount: byteCount)
            case let other?: .malformed("\(key) is \(other.typeName), expected a hex string")
            }
        }
        let label = "log record \(index)"
        guard let ids = OTLPLogList.ids(trace: id("traceId", 16), span: id("spanId", 8), label: label, rejections: &rejections)
        else { return nil }
        var nanos: UInt64 = 0
        for key in ["timeUnixNano", "observedTimeUnixNano"] {
            guard let value = fields[key], value != .null else { continue }
            guard let read = OTLPJSONReader.unsigned(value) else {
                rejections.append("\(label): \(key) is not a count of nanoseconds")
                return nil
            }
            if nanos == 0 { nanos = read }
        }
        let attributes = OTLPJSONReader.attributes(fields["attributes"])
        let body = OTLPJSONReader.anyValue(fields["body"])
        return OTLPLogRecord(
            traceId: ids.trace, spanId: ids.span, nanos: nanos,
            name: OTLPLogRecord.name(
                attribute: attributes["event.name"], eventName: fields["eventName"]?.stringValue ?? "", body: body),
            body: body, attributes: attributes, source: source)
    }
}
