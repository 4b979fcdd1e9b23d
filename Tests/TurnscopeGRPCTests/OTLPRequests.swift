import Foundation
import TurnscopeOTLP

/// OTLP requests built field by field, as an OpenTelemetry SDK would send them.
enum OTLPRequests {
    static let traceID = Data((1...16).map { UInt8($0) })
    /// `traceID` as Turnscope stores it.
    static let traceHex = "0102030405060708090a0b0c0d0e0f10"

    static func attribute(_ key: String, _ value: String) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = key
        attribute.value.stringValue = value
        return attribute
    }

    static func attribute(_ key: String, _ value: Int64) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = key
        attribute.value.intValue = value
        return attribute
    }

    /// A GenAI chat span: a generation with a model and token usage, in a conversation.
    static func chatSpan(id: UInt8, spanIDBytes: Int = 8, extra: [Opentelemetry_Proto_Common_V1_KeyValue] = []) -> Opentelemetry_Proto_Trace_V1_Span {
        var span = Opentelemetry_Proto_Trace_V1_Span()
        span.traceID = traceID
        span.spanID = Data(repeating: id, count: spanIDBytes)
        span.name = "chat gpt-4o-2024-08-06"
        span.kind = .client
        span.startTimeUnixNano = 1_795_165_200_000_000_000
        span.endTimeUnixNano = 1_795_165_200_800_000_000
        span.attributes = [
            attribute("gen_ai.operation.name", "chat"), attribute("gen_ai.request.model", "gpt-4o-2024-08-06"),
            attribute("gen_ai.usage.input_tokens", 120), attribute("gen_ai.usage.output_tokens", 42),
            attribute("gen_ai.conversation.id", "grpc-conversation"),
        ] + extra
        return span
    }

    static func traces(_ spans: [Opentelemetry_Proto_Trace_V1_Span]) -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest {
        var scope = Opentelemetry_Proto_Trace_V1_ScopeSpans()
        scope.scope.name = "opentelemetry.instrumentation.openai_v2"
        scope.spans = spans
        var resource = Opentelemetry_Proto_Trace_V1_ResourceSpans()
        resource.resource.attributes = [attribute("service.name", "grpc-test")]
        resource.scopeSpans = [scope]
        var request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest()
        request.resourceSpans = [resource]
        return request
    }

    /// A log event named `name` (`event.name`), with a trace id of `traceIDBytes` bytes.
    static func logEvent(_ name: String, traceIDBytes: Int = 16) -> Opentelemetry_Proto_Logs_V1_LogRecord {
        var record = Opentelemetry_Proto_Logs_V1_LogRecord()
        record.timeUnixNano = 1_795_165_200_000_000_000
        record.traceID = Data(repeating: 7, count: traceIDBytes)
        record.spanID = Data(repeating: 8, count: 8)
        record.attributes = [attribute("event.name", name), attribute("session.id", "grpc-session")]
        record.body.stringValue = name
        return record
    }

    static func logs(_ records: [Opentelemetry_Proto_Logs_V1_LogRecord]) -> Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest {
        var scope = Opentelemetry_Proto_Logs_V1_ScopeLogs()
        scope.scope.name = "com.example.app"
        scope.logRecords = records
        var resource = Opentelemetry_Proto_Logs_V1_ResourceLogs()
        resource.resource.attributes = [attribute("service.name", "grpc-test")]
        resource.scopeLogs = [scope]
        var request = Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest()
        request.resourceLogs = [resource]
        return request
    }

    /// The bytes of a real `ExportMetricsServiceRequest` (one sum metric, `claude_code.token.usage`,
    /// with one data point), written field by field from metrics.proto, which Turnscope does not
    /// compile: what the acknowledgement must accept without understanding it.
    static let metricsRequestBytes: [UInt8] = {
        func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2] + varint(bytes.count) + bytes }
        func varint(_ value: Int) -> [UInt8] {
            var value = UInt64(value)
            var out: [UInt8] = []
            repeat {
                out.append(UInt8(value & 0x7f) | (value > 0x7f ? 0x80 : 0))
                value >>= 7
            } while value > 0
            return out
        }
        // time_unix_nano (fixed64), as_double 100.0 (double)
        let dataPoint: [UInt8] = [0x19] + Array(repeating: 0, count: 7) + [0x3f] + [0x21] + [0, 0, 0, 0, 0, 0, 0x59, 0x40]
        let sum = field(1, dataPoint) + [0x10, 0x02, 0x18, 0x01]  // aggregation_temporality, is_monotonic
        let metric = field(1, Array("claude_code.token.usage".utf8)) + field(3, Array("tokens".utf8)) + field(7, sum)
        let scopeMetrics = field(1, field(1, Array("com.anthropic.claude_code".utf8))) + field(2, metric)
        let resourceMetrics = field(1, field(1, field(1, Array("service.name".utf8)) + field(2, field(1, Array("claude-code".utf8)))))
            + field(2, scopeMetrics)
        return field(1, resourceMetrics)
    }()
}
