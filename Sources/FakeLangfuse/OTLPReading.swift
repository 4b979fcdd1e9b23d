import Foundation
import SwiftProtobuf
import TurnscopeModel
import TurnscopeOTLP

/// OTLP exports → received spans, from protobuf or from OTLP/JSON (whose ids are hex strings).
enum OTLPReading {
    static func spans(protobuf body: [UInt8]) -> [ReceivedSpan]? {
        guard let request = try? Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest(serializedBytes: body)
        else { return nil }
        return request.resourceSpans.flatMap { resource in
            let resourceAttributes = attributes(resource.resource.attributes)
            return resource.scopeSpans.flatMap { scope in
                scope.spans.map { span in
                    ReceivedSpan(
                        traceId: hex(span.traceID), spanId: hex(span.spanID),
                        parentSpanId: span.parentSpanID.isEmpty ? nil : hex(span.parentSpanID), name: span.name,
                        startTimeUnixNano: span.startTimeUnixNano, endTimeUnixNano: span.endTimeUnixNano,
                        attributes: attributes(span.attributes), statusCode: span.status.code.rawValue,
                        resourceAttributes: resourceAttributes, scopeName: scope.scope.name)
                }
            }
        }
    }

    static func spans(json body: [UInt8]) -> [ReceivedSpan]? {
        guard let root = try? JSONText.parse(Data(body)), let resources = root.objectValue?["resourceSpans"]?.arrayValue else {
            return nil
        }
        var spans: [ReceivedSpan] = []
        for resource in resources {
            let resourceAttributes = attributes(json: resource.objectValue?["resource"]?.objectValue?["attributes"])
            for scope in resource.objectValue?["scopeSpans"]?.arrayValue ?? [] {
                let scopeName = scope.objectValue?["scope"]?.objectValue?["name"]?.stringValue ?? ""
                for value in scope.objectValue?["spans"]?.arrayValue ?? [] {
                    guard let span = value.objectValue else { return nil }
                    func number(_ key: String) -> UInt64 {
                        span[key]?.stringValue.flatMap { UInt64($0) } ?? span[key]?.doubleValue.map { UInt64($0) } ?? 0
                    }
                    let parent = span["parentSpanId"]?.stringValue ?? ""
                    spans.append(
                        ReceivedSpan(
                            traceId: span["traceId"]?.stringValue ?? "", spanId: span["spanId"]?.stringValue ?? "",
                            parentSpanId: parent.isEmpty ? nil : parent, name: span["name"]?.stringValue ?? "",
                            startTimeUnixNano: number("startTimeUnixNano"), endTimeUnixNano: number("endTimeUnixNano"),
                            attributes: attributes(json: span["attributes"]),
                            statusCode: Int(span["status"]?.objectValue?["code"]?.integerValue ?? 0),
                            resourceAttributes: resourceAttributes, scopeName: scopeName))
                }
            }
        }
        return spans
    }

    static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    static func attributes(_ list: [Opentelemetry_Proto_Common_V1_KeyValue]) -> [String: AttributeValue] {
        var result: [String: AttributeValue] = [:]
        for attribute in list { result[attribute.key] = value(attribute.value) }
        return result
    }

    static func value(_ value: Opentelemetry_Proto_Common_V1_AnyValue) -> AttributeValue {
        switch value.value {
        case .stringValue(let text)?: .string(text)
        case .intValue(let number)?: .int(number)
        case .doubleValue(let number)?: .double(number)
        case .boolValue(let flag)?: .bool(flag)
        case .arrayValue(let array)?: .array(array.values.map(Self.value))
        default: .other("\(value)")
        }
    }

    static func attributes(json: JSONValue?) -> [String: AttributeValue] {
        var result: [String: AttributeValue] = [:]
        for attribute in json?.arrayValue ?? [] {
            guard let key = attribute.objectValue?["key"]?.stringValue else { continue }
            result[key] = value(json: attribute.objectValue?["value"])
        }
        return result
    }

    static func value(json: JSONValue?) -> AttributeValue {
        guard let object = json?.objectValue else { return .other("null") }
        if let text = object["stringValue"]?.stringValue { return .string(text) }
        if let number = object["intValue"] { return .int(number.integerValue ?? number.stringValue.flatMap { Int64($0) } ?? 0) }
        if let number = object["doubleValue"]?.doubleValue { return .double(number) }
        if case .bool(let flag)? = object["boolValue"] { return .bool(flag) }
        if let values = object["arrayValue"]?.objectValue?["values"]?.arrayValue { return .array(values.map { value(json: $0) }) }
        return .other(JSONValue.object(object).jsonString)
    }
}
