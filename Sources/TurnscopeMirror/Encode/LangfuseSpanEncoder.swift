import Foundation
import TurnscopeModel
import TurnscopeOTLP

/// Records → one OTLP export with the attribute keys Langfuse's OTLP endpoint reads
/// (`langfuse.observation.*`, `langfuse.trace.*`, `user.id`, `session.id`), the way its Python SDK
/// sends them: detail objects and inputs as JSON text, tags as a string array, the completion start
/// as a JSON-quoted ISO time.
public enum LangfuseSpanEncoder {
    /// The scope Langfuse sees. It does not start with `langfuse-sdk`, so Langfuse would copy any
    /// attribute it does not read into `metadata.attributes`; every attribute here is one it reads.
    static let scopeName = "turnscope-mirror"

    /// One export request for these traces.
    public static func request(_ traces: [OutgoingTrace], options: EncodeOptions) -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest {
        var scope = Opentelemetry_Proto_Trace_V1_ScopeSpans()
        scope.scope.name = scopeName
        scope.spans = traces.flatMap { spans($0, options: options) }
        var resource = Opentelemetry_Proto_Trace_V1_ResourceSpans()
        var attributes = SpanAttributes()
        attributes.add("service.name", "turnscope")
        attributes.add("telemetry.sdk.name", "turnscope")
        resource.resource.attributes = attributes.list
        resource.scopeSpans = [scope]
        var request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest()
        request.resourceSpans = [resource]
        return request
    }

    /// The spans of one trace: one per observation; the trace's own fields ride on its first root
    /// observation, or on a span made for them when the trace has none (Langfuse's OTLP endpoint
    /// creates traces only from spans).
    static func spans(_ outgoing: OutgoingTrace, options: EncodeOptions) -> [Opentelemetry_Proto_Trace_V1_Span] {
        let trace = outgoing.trace
        let traceId = Data(hexBytes: UpstreamIds.trace(trace.id))
        var observations = outgoing.observations
        var synthetic: ObservationRecord?
        if observations.isEmpty, outgoing.includesTraceFields {
            let made = ObservationRecord(
                id: "trace:" + trace.id, traceId: trace.id, kind: .span, name: trace.name ?? "trace",
                startTime: trace.timestamp ?? trace.eventTime, endTime: trace.timestamp ?? trace.eventTime)
            synthetic = made
            observations = [made]
        }
        let carrier = outgoing.includesTraceFields
            ? (observations.firstIndex { $0.parentId == nil } ?? observations.startIndex) : nil
        return observations.enumerated().map { index, observation in
            var span = Opentelemetry_Proto_Trace_V1_Span()
            span.traceID = traceId
            span.spanID = Data(hexBytes: UpstreamIds.span(observation.id))
            if let parent = observation.parentId { span.parentSpanID = Data(hexBytes: UpstreamIds.span(parent)) }
            span.name = observation.name ?? observation.kind?.rawValue ?? "span"
            span.kind = .internal
            let start = observation.startTime ?? observation.endTime ?? observation.eventTime ?? trace.timestamp ?? .now
            let end = observation.endTime ?? start
            span.startTimeUnixNano = UInt64(max(0, start.microseconds)) * 1000
            span.endTimeUnixNano = UInt64(max(0, end.microseconds)) * 1000
            if observation.level == .error {
                span.status.code = .error
                span.status.message = observation.statusMessage ?? ""
            }
            var attributes = SpanAttributes()
            addTraceFields(trace, to: &attributes, observation: observation)
            if index == carrier { addTraceContent(trace, to: &attributes, options: options) }
            if observation.id == synthetic?.id { attributes.add("langfuse.internal.as_root", "true") }
            addObservation(observation, to: &attributes, options: options)
            span.attributes = attributes.list
            return span
        }
    }

    /// The fields Langfuse's SDKs propagate to every span of a trace.
    static func addTraceFields(_ trace: TraceRecord, to attributes: inout SpanAttributes, observation: ObservationRecord) {
        attributes.add("langfuse.trace.name", trace.name)
        attributes.add("user.id", trace.userId)
        attributes.add("session.id", trace.sessionId)
        attributes.add("langfuse.trace.tags", strings: trace.tags)
        attributes.add("langfuse.trace.metadata", object: trace.metadata)
        attributes.add("langfuse.release", trace.release)
        attributes.add("langfuse.version", observation.version ?? trace.version)
        attributes.add("langfuse.environment", observation.environment ?? trace.environment)
    }

    /// The trace's input, output and visibility: sent once, on the span that carries the trace.
    static func addTraceContent(_ trace: TraceRecord, to attributes: inout SpanAttributes, options: EncodeOptions) {
        attributes.add("langfuse.trace.input", trace.input.map { ChatJSON.text($0, redact: options.redact) })
        attributes.add("langfuse.trace.output", trace.output.map { ChatJSON.text($0, redact: options.redact) })
        if let isPublic = trace.isPublic { attributes.add("langfuse.trace.public", isPublic ? "true" : "false") }
    }

    static func addObservation(_ observation: ObservationRecord, to attributes: inout SpanAttributes, options: EncodeOptions) {
        attributes.add("langfuse.observation.type", (observation.kind ?? .span).rawValue)
        attributes.add("langfuse.observation.input", observation.input.map { ChatJSON.text($0, redact: options.redact) })
        attributes.add("langfuse.observation.output", observation.output.map { ChatJSON.text($0, redact: options.redact) })
        attributes.add("langfuse.observation.model.name", observation.model)
        attributes.add("langfuse.observation.model.parameters", object: observation.parametersWithTools.map(JSONValue.object))
        if let usage = observation.usage, !usage.isEmpty {
            attributes.add("langfuse.observation.usage_details", json: .object(UsageDetails.usage(usage)))
        }
        if let cost = observation.cost, cost.effectiveTotal != nil {
            attributes.add("langfuse.observation.cost_details", json: .object(UsageDetails.cost(cost, usage: observation.usage)))
        }
        if let first = observation.completionStartTime {
            attributes.add("langfuse.observation.completion_start_time", JSONValue.string(first.iso8601).jsonString)
        }
        attributes.add("langfuse.observation.level", observation.level?.rawValue)
        attributes.add("langfuse.observation.status_message", observation.statusMessage)
        attributes.add("langfuse.observation.metadata", object: observation.metadata)
    }
}

extension Data {
    /// Bytes from hex digits (the ids `UpstreamIds` makes are always even-length lowercase hex).
    init(hexBytes hex: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for character in hex.utf8 {
            let nibble = character <= 0x39 ? character - 0x30 : (character | 0x20) - 0x61 + 10
            if let value = high {
                bytes.append(value << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        self.init(bytes)
    }
}
