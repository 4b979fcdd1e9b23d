import Foundation
import TurnscopeModel

/// Reads an OTLP/JSON `ExportTraceServiceRequest` (`Content-Type: application/json`) into spans.
///
/// Not SwiftProtobuf's JSON decoder: OTLP/JSON departs from protobuf's canonical mapping (ids are
/// hex, not base64), exporters disagree on whether 64-bit integers are numbers or strings, and
/// partial success needs a bad span refused on its own rather than the whole body failing on its
/// first bad id. Walking the parsed JSON handles all three directly. Unknown fields are ignored,
/// as the OTLP spec requires.
enum OTLPJSONReader {
    static func read(_ data: Data) throws(OTLPDecodeError) -> OTLPSpanList {
        let request = try document(data, named: messageName)
        var list = OTLPSpanList()
        for (resourceIndex, resourceSpans) in try array(request["resourceSpans"], "resourceSpans", messageName).enumerated() {
            let resourcePath = "resourceSpans[\(resourceIndex)]"
            let resource = try object(resourceSpans, resourcePath, messageName)
            let resourceAttributes = attributes(resource["resource"]?["attributes"])
            // `instrumentationLibrarySpans` is the name before OTLP 0.15; old exporters still send it.
            let scopesKey = resource["scopeSpans"] != nil ? "scopeSpans" : "instrumentationLibrarySpans"
            for (scopeIndex, scopeSpans) in try array(resource[scopesKey], "\(resourcePath).\(scopesKey)", messageName).enumerated() {
                let scopePath = "\(resourcePath).\(scopesKey)[\(scopeIndex)]"
                let scopeObject = try object(scopeSpans, scopePath, messageName)
                let scope = scopeObject["scope"] ?? scopeObject["instrumentationLibrary"]
                let source = OTLPSource(
                    resourceAttributes: resourceAttributes, scopeName: scope?["name"]?.stringValue ?? "",
                    scopeVersion: scope?["version"]?.stringValue ?? "")
                for (spanIndex, span) in try array(scopeObject["spans"], "\(scopePath).spans", messageName).enumerated() {
                    guard case .object(let fields) = span else {
                        list.rejections.append("\(scopePath).spans[\(spanIndex)] is not an object")
                        continue
                    }
                    if let span = read(span: fields, source: source, rejections: &list.rejections) {
                        list.spans.append(span)
                    }
                }
            }
        }
        return list
    }

    private static let messageName = "ExportTraceServiceRequest"

    /// Parses the body as the JSON object an OTLP/JSON request is.
    static func document(_ data: Data, named name: String) throws(OTLPDecodeError) -> [String: JSONValue] {
        let document: JSONValue
        do {
            document = try JSONText.parse(data)
        } catch {
            throw OTLPDecodeError("not OTLP/JSON: \(error.description)")
        }
        guard case .object(let request) = document else {
            throw OTLPDecodeError("not an OTLP/JSON \(name): expected an object, got \(document.typeName)")
        }
        return request
    }

    private static func read(
        span fields: [String: JSONValue], source: OTLPSource, rejections: inout [String]
    ) -> OTLPSpan? {
        let name = fields["name"]?.stringValue ?? ""
        func id(_ key: String, _ byteCount: Int) -> OTLPIdentifier.Outcome {
            switch fields[key] {
            case nil, .null?: .absent
            case .string(let text)?: OTLPIdentifier.read(text: text, field: key, byteCount: byteCount)
            case let other?: .malformed("\(key) is \(other.typeName), expected a hex string")
            }
        }
        guard
            let ids = OTLPIdentifier.spanIds(
                trace: id("traceId", 16), span: id("spanId", 8), parent: id("parentSpanId", 8), spanName: name,
                rejections: &rejections)
        else { return nil }
        var problems: [String] = []
        func nanos(_ key: String) -> UInt64 {
            guard let value = fields[key], value != .null else { return 0 }
            if let nanos = unsigned(value) { return nanos }
            problems.append("\(key) is not a count of nanoseconds")
            return 0
        }
        let start = nanos("startTimeUnixNano")
        let end = nanos("endTimeUnixNano")
        guard problems.isEmpty else {
            rejections.append("span \(ids.spanId): " + problems.joined(separator: ", "))
            return nil
        }
        let status = fields["status"]?.objectValue ?? [:]
        let events: [OTLPSpan.Event] = (fields["events"]?.arrayValue ?? []).compactMap { event in
            guard case .object(let event) = event else { return nil }
            // An unreadable event time is no reason to refuse the span: the event just goes untimed.
            return OTLPSpan.Event(
                name: event["name"]?.stringValue ?? "", attributes: attributes(event["attributes"]),
                timeNanos: event["timeUnixNano"].flatMap(unsigned) ?? 0)
        }
        return OTLPSpan(
            traceId: ids.traceId, spanId: ids.spanId, parentId: ids.parentId, name: name, startNanos: start,
            endNanos: end, statusCode: statusCode(status["code"]), statusMessage: status["message"]?.stringValue ?? "",
            attributes: attributes(fields["attributes"]), events: events, source: source)
    }

    // MARK: - Values

    /// `[{"key": …, "value": AnyValue}]` by key; entries without a string key are skipped.
    static func attributes(_ value: JSONValue?) -> [String: JSONValue] {
        guard case .array(let pairs)? = value else { return [:] }
        var result: [String: JSONValue] = [:]
        result.reserveCapacity(pairs.count)
        for pair in pairs {
            guard case .string(let key)? = pair["key"] else { continue }
            result[key] = anyValue(pair["value"])
        }
        return result
    }

    /// An OTLP/JSON `AnyValue` as a plain JSON value. Lenient on purpose: a value of an unknown
    /// shape becomes null rather than costing the span.
    static func anyValue(_ value: JSONValue?) -> JSONValue {
        guard case .object(let any)? = value else { return .null }
        if let string = any["stringValue"] { return string.stringValue.map(JSONValue.string) ?? .null }
        if let bool = any["boolValue"] {
            if case .bool = bool { return bool }
            return bool.stringValue.flatMap { Bool($0.lowercased()) }.map(JSONValue.bool) ?? .null
        }
        if let integer = any["intValue"] {
            if let value = integer.integerValue { return .integer(value) }
            if let text = integer.stringValue, let value = Int64(text) { return .integer(value) }
            return .null
        }
        if let double = any["doubleValue"] {
            if let value = double.doubleValue { return .number(value) }
            if let text = double.stringValue, let value = Double(text) { return OTLPValues.number(value) }
            return .null
        }
        if let array = any["arrayValue"] { return .array((array["values"]?.arrayValue ?? []).map(anyValue)) }
        if let list = any["kvlistValue"] { return .object(attributes(list["values"])) }
        if let bytes = any["bytesValue"] { return bytes.stringValue.map(JSONValue.string) ?? .null }
        return .null
    }

    /// A `fixed64`/`uint64` sent as a JSON number or a decimal string.
    static func unsigned(_ value: JSONValue) -> UInt64? {
        switch value {
        case .integer(let integer): integer >= 0 ? UInt64(integer) : nil
        case .number(let number): number >= 0 && number < 1.8e19 && number.rounded() == number ? UInt64(number) : nil
        case .string(let text): UInt64(text)
        default: nil
        }
    }

    /// `Status.code`: an integer as OTLP/JSON requires, or the enum's name, which some exporters send.
    private static func statusCode(_ value: JSONValue?) -> Int {
        switch value {
        case .integer(let code)?: Int(clamping: code)
        case .string(let name)?:
            switch name.uppercased() {
            case "STATUS_CODE_OK", "OK", "1": 1
            case "STATUS_CODE_ERROR", "ERROR", "2": 2
            default: 0
            }
        default: 0
        }
    }

    /// A repeated field of message `name`: absent or null is empty, anything else but an array throws.
    static func array(_ value: JSONValue?, _ path: String, _ name: String) throws(OTLPDecodeError) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        case let other?: throw OTLPDecodeError("not an OTLP/JSON \(name): \(path) is \(other.typeName), expected an array")
        }
    }

    /// A nested message of message `name`.
    static func object(_ value: JSONValue, _ path: String, _ name: String) throws(OTLPDecodeError) -> [String: JSONValue] {
        guard case .object(let members) = value else {
            throw OTLPDecodeError("not an OTLP/JSON \(name): \(path) is \(value.typeName), expected an object")
        }
        return members
    }
}
