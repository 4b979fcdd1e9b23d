import Foundation
import TurnscopeModel
import TurnscopeOTLP

/// Reads a binary `ExportLogsServiceRequest` (`application/x-protobuf`, or a gRPC message) into log
/// records: ids validated, `AnyValue`s turned into `JSONValue`s, the event name resolved.
enum OTLPLogProtobufReader {
    typealias Request = Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest

    static func read(_ data: Data) throws(OTLPDecodeError) -> OTLPLogList {
        read(request: try OTLPProtobufReader.message(data, named: "ExportLogsServiceRequest"))
    }

    static func read(request: Request) -> OTLPLogList {
        var list = OTLPLogList()
        var index = 0
        for resourceLogs in request.resourceLogs {
            let resourceAttributes = OTLPProtobufReader.attributes(resourceLogs.resource.attributes)
            for scopeLogs in resourceLogs.scopeLogs {
                let source = OTLPSource(
                    resourceAttributes: resourceAttributes, scopeName: scopeLogs.scope.name,
                    scopeVersion: scopeLogs.scope.version)
                for record in scopeLogs.logRecords {
                    defer { index += 1 }
                    guard
                        let ids = OTLPLogList.ids(
                            trace: OTLPIdentifier.read(bytes: record.traceID, field: "traceId", byteCount: 16),
                            span: OTLPIdentifier.read(bytes: record.spanID, field: "spanId", byteCount: 8),
                            label: "log record \(index)", rejections: &list.rejections)
                    else { continue }
                    let attributes = OTLPProtobufReader.attributes(record.attributes)
                    let body = record.hasBody ? OTLPProtobufReader.json(record.body) : .null
                    list.records.append(
                        OTLPLogRecord(
                            traceId: ids.trace, spanId: ids.span,
                            nanos: record.timeUnixNano != 0 ? record.timeUnixNano : record.observedTimeUnixNano,
                            name: OTLPLogRecord.name(
                                attribute: attributes["event.name"], eventName: record.eventName, body: body),
                            body: body, attributes: attributes, source: source))
                }
            }
        }
        return list
    }
}
