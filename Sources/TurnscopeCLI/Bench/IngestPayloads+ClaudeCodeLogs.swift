import Foundation
import SwiftProtobuf
import TurnscopeOTLP

extension IngestPayloads {
    /// One OTLP logs export of 64 records (4 prompts of 16 events) as Claude Code's exporter sends
    /// it with its telemetry on: per prompt a
    /// `claude_code.user_prompt`, then seven model calls each followed by the tool it asked for
    /// (`claude_code.api_request` with numeric usage and `cost_usd`, `claude_code.tool_result`),
    /// and a last call that answers. Attribute shapes are those of
    /// shared/reference/agents/fixtures/claude_code_logs.json (Claude Code 2.1.337).
    mutating func claudeCodeLogs() -> (request: Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest, records: Int) {
        var scope = Opentelemetry_Proto_Logs_V1_ScopeLogs()
        scope.scope.name = "com.anthropic.claude_code.events"
        scope.scope.version = "2.1.337"
        let session = "bench-claude-\(sequence / 1_000)"
        for _ in 0..<4 {
            sequence += 1
            let prompt = "prompt-\(sequence)"
            let traceID = Self.id(UInt64(sequence), bytes: 16)
            let spanID = Self.id(UInt64(sequence), bytes: 8)
            // A prompt a minute, wrapping every 100,000 prompts (clients start 100 million apart).
            var time: UInt64 = 1_795_165_200_000_000_000 + UInt64(sequence % 100_000) * 60_000_000_000
            var order = 0
            func event(_ name: String, _ attributes: [(String, Value)]) -> Opentelemetry_Proto_Logs_V1_LogRecord {
                order += 1
                time += 1_500_000_000
                var record = Opentelemetry_Proto_Logs_V1_LogRecord()
                record.timeUnixNano = time
                record.observedTimeUnixNano = time
                record.body.stringValue = "claude_code." + name
                record.traceID = traceID
                record.spanID = spanID
                record.flags = 1
                let common: [(String, Value)] = [
                    ("user.id", .text("9c1e5b7a3f2d4e6b8a0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a")),
                    ("session.id", .text(session)), ("organization.id", .text("0e8f9d1c-2b3a-4c5d-8e7f-6a5b4c3d2e1f")),
                    ("user.account_uuid", .text("7c6b5a49-3827-4165-9f8e-7d6c5b4a3928")), ("user.email", .text("dev@example.com")),
                    ("terminal.type", .text("vscode")), ("event.name", .text(name)), ("event.sequence", .int(Int64(order))),
                    ("prompt.id", .text(prompt)),
                ]
                record.attributes = (common + attributes).map(Self.keyValue)
                return record
            }
            scope.logRecords.append(
                event("user_prompt", [("prompt_length", .text("42")), ("prompt", .text("Step \(sequence): make the flaky test pass again"))]))
            for call in 0..<8 {
                let cacheRead = Int64(call == 0 ? 0 : 18_342 + call * 900)
                scope.logRecords.append(
                    event(
                        "api_request",
                        [
                            ("model", .text("claude-sonnet-4-5-20250929")), ("cost_usd", .double(0.0114531 + Double(call) * 0.001)),
                            ("duration_ms", .int(3_120)), ("ttft_ms", .int(1_210)), ("input_tokens", .int(6)),
                            ("output_tokens", .int(210)), ("cache_read_tokens", .int(cacheRead)),
                            ("cache_creation_tokens", .int(742)), ("cache_creation_5m_tokens", .int(742)),
                            ("cache_creation_1h_tokens", .int(0)), ("request_id", .text("req_bench_\(sequence)_\(call)")),
                            ("speed", .text("normal")), ("query_source", .text("repl_main_thread")),
                        ]))
                guard call < 7 else { break }
                scope.logRecords.append(
                    event(
                        "tool_result",
                        [
                            ("tool_name", .text("Bash")), ("tool_use_id", .text("toolu_bench_\(sequence)_\(call)")),
                            ("success", .text("true")), ("duration_ms", .text("2380")), ("decision_type", .text("accept")),
                            ("decision_source", .text("config")), ("tool_input_size_bytes", .text("79")),
                            ("tool_result_size_bytes", .text("1437")),
                            ("tool_input", .text(#"{"command":"swift test --filter FlakyTests","description":"Run the flaky test"}"#)),
                        ]))
            }
        }
        var resource = Opentelemetry_Proto_Logs_V1_ResourceLogs()
        resource.resource.attributes = [
            ("service.name", Value.text("claude-code")), ("service.version", .text("2.1.337")), ("os.type", .text("linux")),
            ("host.arch", .text("amd64")),
        ].map(Self.keyValue)
        resource.scopeLogs = [scope]
        var request = Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest()
        request.resourceLogs = [resource]
        return (request, scope.logRecords.count)
    }

    /// The protobuf body of a `claudeCodeLogs()` export, for `/v1/logs`.
    mutating func claudeCodeLogsBody() -> (body: [UInt8], records: Int) {
        let (request, records) = claudeCodeLogs()
        return ((try? request.serializedBytes()) ?? [], records)
    }

    /// An attribute value as Claude Code types it: most numbers as strings, usage as integers.
    enum Value {
        case text(String), int(Int64), double(Double)
    }

    private static func keyValue(_ pair: (String, Value)) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = pair.0
        switch pair.1 {
        case .text(let text): attribute.value.stringValue = text
        case .int(let number): attribute.value.intValue = number
        case .double(let number): attribute.value.doubleValue = number
        }
        return attribute
    }
}
