import Foundation
import SwiftProtobuf
import TurnscopeModel
import TurnscopeOTLP

/// Realistic request bodies for the ingest benchmark: what the Langfuse Python SDK 2.x and
/// litellm send to the batch API, what SDK 3+ send over OTLP, and (in
/// `IngestPayloads+ClaudeCodeLogs.swift`) the log events Claude Code exports.
struct IngestPayloads {
    var sequence = 0
    private let history: [JSONValue]

    /// Payloads whose ids start at a per-client offset, so clients never collide.
    init(seed: Int) {
        sequence = seed * 100_000_000
        var messages: [JSONValue] = [["role": "system", "content": .string("You are a careful coding agent. " + String(repeating: "Follow the repository's conventions. ", count: 20))]]
        for turn in 0..<12 {
            messages.append(["role": "user", "content": .string("Step \(turn): run the tests and fix what fails in module \(turn).")])
            messages.append(["role": "assistant", "content": .string("Running `swift test --filter Module\(turn)`; \(turn) failures found, patching.")])
        }
        history = messages
    }

    /// One `/api/public/ingestion` body: 25 LLM calls, each a trace-create and a generation-create.
    mutating func langfuseBatch() -> (body: [UInt8], observations: Int) {
        var events: [JSONValue] = []
        for _ in 0..<25 {
            sequence += 1
            let trace = "bench-trace-\(sequence)"
            let time = "2026-11-20T09:\(String(format: "%02d", sequence / 60 % 60)):\(String(format: "%02d", sequence % 60)).123456Z"
            let input = JSONValue.array(history + [["role": "user", "content": .string("Request \(sequence): summarise the failures.")]])
            events.append([
                "id": .string("event-t-\(sequence)"), "type": "trace-create", "timestamp": .string(time),
                "body": [
                    "id": .string(trace), "name": "litellm-completion", "userId": "bench-user",
                    "sessionId": .string("bench-session-\(sequence / 25)"), "tags": ["bench"], "timestamp": .string(time),
                    "input": ["messages": input],
                ],
            ])
            events.append([
                "id": .string("event-g-\(sequence)"), "type": "generation-create", "timestamp": .string(time),
                "body": [
                    "id": .string("bench-generation-\(sequence)"), "traceId": .string(trace), "name": "litellm-completion",
                    "startTime": .string(time), "endTime": .string(time), "completionStartTime": .string(time),
                    "model": "gpt-4o-2024-08-06", "modelParameters": ["temperature": "0.2", "max_tokens": 1024],
                    "input": input,
                    "output": ["role": "assistant", "content": .string("Summary \(sequence): two tests fail on token refresh.")],
                    "usageDetails": ["input": 1800, "output": 120, "total": 1920, "cache_read_input_tokens": 1024],
                    "usage": ["input": 1800, "output": 120, "unit": "TOKENS", "totalCost": 0.0057],
                ],
            ])
        }
        let body: JSONValue = ["batch": .array(events), "metadata": ["sdk_name": "python", "sdk_version": "2.60.10"]]
        return (body.jsonBytes, 25)
    }

    /// One OTLP protobuf export of 512 spans as the Langfuse SDK 3+ emits them.
    mutating func otlpExport() -> (body: [UInt8], observations: Int) {
        let (request, observations) = otlpTraceRequest()
        return ((try? request.serializedBytes()) ?? [], observations)
    }

    /// The request `otlpExport()` serializes, for a gRPC client to send.
    mutating func otlpTraceRequest() -> (request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest, observations: Int) {
        var scope = Opentelemetry_Proto_Trace_V1_ScopeSpans()
        scope.scope.name = "langfuse-sdk"
        let base: UInt64 = 1_795_165_200_000_000_000
        // Each call in a turn resends the conversation so far, as an agent does: the shared
        // history, then every earlier call's reply and what the agent answered it. Kept as each
        // message's JSON text, so the clients join texts rather than encode the whole list again.
        let shared = history.map(\.jsonString)
        var conversation = shared
        for index in 0..<512 {
            sequence += 1
            var span = Opentelemetry_Proto_Trace_V1_Span()
            span.traceID = Self.id(UInt64(sequence / 8), bytes: 16)
            span.spanID = Self.id(UInt64(sequence), bytes: 8)
            if index % 8 != 0 { span.parentSpanID = Self.id(UInt64(sequence - index % 8), bytes: 8) }
            span.name = index % 8 == 0 ? "agent-turn" : "llm-call"
            span.startTimeUnixNano = base + UInt64(sequence) * 1_000_000
            span.endTimeUnixNano = span.startTimeUnixNano + 800_000_000
            var attributes: [(String, String)] = [
                ("session.id", "otlp-session-\(sequence / 64)"), ("user.id", "bench-user"),
                ("langfuse.trace.name", "agent-turn"),
            ]
            if index % 8 == 0 {
                attributes.append(("langfuse.observation.type", "span"))
                conversation = shared
            } else {
                let reply: JSONValue = ["role": "assistant", "content": .string("Patched \(sequence).")]
                attributes += [
                    ("langfuse.observation.type", "generation"),
                    ("langfuse.observation.model.name", "claude-sonnet-4-5-20250929"),
                    ("langfuse.observation.input", "[" + conversation.joined(separator: ",") + "]"),
                    ("langfuse.observation.output", reply.jsonString),
                    ("langfuse.observation.usage_details", #"{"input":12,"output":180,"cache_read_input_tokens":9000}"#),
                ]
                conversation += [reply.jsonString, #"{"content":"Step \#(sequence) passes; go on.","role":"user"}"#]
            }
            span.attributes = attributes.map { key, value in
                var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
                attribute.key = key
                attribute.value.stringValue = value
                return attribute
            }
            scope.spans.append(span)
        }
        var resource = Opentelemetry_Proto_Trace_V1_ResourceSpans()
        resource.scopeSpans = [scope]
        var request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest()
        request.resourceSpans = [resource]
        return (request, 512)
    }

    static func id(_ value: UInt64, bytes: Int) -> Data {
        var data = Data(repeating: 0xAB, count: bytes - 8)
        withUnsafeBytes(of: value.bigEndian) { data.append(contentsOf: $0) }
        return data
    }
}
