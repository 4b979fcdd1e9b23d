import Foundation
import SwiftProtobuf
import TurnscopeModel
import TurnscopeOTLP

/// Reads a binary `ExportTraceServiceRequest` (`Content-Type: application/x-protobuf`) into spans.
///
/// The generated types in `TurnscopeOTLP` do the wire work; this only validates ids and turns each
/// `AnyValue` into a `JSONValue`, the shape the mapping reads.
enum OTLPProtobufReader {
    typealias Request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
    typealias AnyValue = Opentelemetry_Proto_Common_V1_AnyValue
    typealias KeyValue = Opentelemetry_Proto_Common_V1_KeyValue

    static func read(_ data: Data) throws(OTLPDecodeError) -> OTLPSpanList {
        read(request: try message(data, named: "ExportTraceServiceRequest"))
    }

    /// Parses a binary message, with a precise reason when the bytes are not one.
    static func message<Message: SwiftProtobuf.Message>(_ data: Data, named name: String) throws(OTLPDecodeError) -> Message {
        var options = BinaryDecodingOptions()
        // Nothing reads unknown fields, and keeping them would hold a copy of their bytes per message.
        options.discardUnknownFields = true
        do {
            return try Message(serializedBytes: data, options: options)
        } catch {
            throw OTLPDecodeError("not an OTLP protobuf \(name): \(describe(error))")
        }
    }

    /// Reads an already parsed request, as gRPC delivers it.
    static func read(request: Request) -> OTLPSpanList {
        var list = OTLPSpanList()
        for resourceSpans in request.resourceSpans {
            let resourceAttributes = attributes(resourceSpans.resource.attributes)
            for scopeSpans in resourceSpans.scopeSpans {
                let source = OTLPSource(
                    resourceAttributes: resourceAttributes, scopeName: scopeSpans.scope.name,
                    scopeVersion: scopeSpans.scope.version)
                for span in scopeSpans.spans {
                    guard
                        let ids = OTLPIdentifier.spanIds(
                            trace: OTLPIdentifier.read(bytes: span.traceID, field: "traceId", byteCount: 16),
                            span: OTLPIdentifier.read(bytes: span.spanID, field: "spanId", byteCount: 8),
                            parent: OTLPIdentifier.read(bytes: span.parentSpanID, field: "parentSpanId", byteCount: 8),
                            spanName: span.name, rejections: &list.rejections)
                    else { continue }
                    list.spans.append(
                        OTLPSpan(
                            traceId: ids.traceId, spanId: ids.spanId, parentId: ids.parentId, name: span.name,
                            startNanos: span.startTimeUnixNano, endNanos: span.endTimeUnixNano,
                            statusCode: Int(span.status.code.rawValue), statusMessage: span.status.message,
                            attributes: attributes(span.attributes),
                            events: span.events.map {
                                OTLPSpan.Event(name: $0.name, attributes: attributes($0.attributes), timeNanos: $0.timeUnixNano)
                            },
                            source: source))
                }
            }
        }
        return list
    }

    /// Attributes by key; a repeated key keeps its last value.
    static func attributes(_ pairs: [KeyValue]) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        result.reserveCapacity(pairs.count)
        for pair in pairs { result[pair.key] = json(pair.value) }
        return result
    }

    /// An `AnyValue` as JSON. Bytes become base64 text, as in OTLP/JSON; non-finite doubles become
    /// the strings OTLP/JSON uses for them, since JSON has no number for them; an empty value (or
    /// one only set through the profiling signal's string table) is null.
    static func json(_ value: AnyValue) -> JSONValue {
        switch value.value {
        case .stringValue(let string): .string(string)
        case .boolValue(let bool): .bool(bool)
        case .intValue(let integer): .integer(integer)
        case .doubleValue(let double): OTLPValues.number(double)
        case .arrayValue(let array): .array(array.values.map(json))
        case .kvlistValue(let list): .object(attributes(list.values))
        case .bytesValue(let bytes): .string(bytes.base64EncodedString())
        case .stringValueStrindex, nil: .null
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? BinaryDecodingError else { return "\(error)" }
        switch error {
        case .truncated: return "the body is truncated (it ends inside a field)"
        case .malformedProtobuf: return "the body is malformed (an invalid field tag or wire type)"
        case .invalidUTF8: return "a string field is not valid UTF-8"
        case .messageDepthLimit: return "values are nested too deeply"
        case .trailingGarbage: return "unexpected bytes after the message"
        case .missingRequiredFields, .internalExtensionError: return "\(error)"
        }
    }
}
