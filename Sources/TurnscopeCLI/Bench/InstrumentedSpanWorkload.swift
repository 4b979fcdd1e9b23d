import Foundation
import TurnscopeOTLP

/// OTLP trace exports shaped like what the real Python instrumentations send for an agent:
/// conversations of turns, each turn a trace of an OpenInference `CHAIN` root, an OpenInference
/// `LLM` span (flattened `llm.input_messages.*`, `input.value` with the whole request,
/// `llm.invocation_parameters`), a GenAI chat span (`gen_ai.*` with `gen_ai.input.messages`), and
/// a tool span. Every span carries the resource a Python process has (`service.name`,
/// `telemetry.sdk.*`, `process.*`, `host.name`), and the prompt history grows by two messages a
/// turn, resent whole, as clients resend it.
struct InstrumentedSpanWorkload {
    /// Turns per conversation before a new one starts.
    var turnsPerConversation = 25
    private var turn = 0
    private var conversation = 0
    private var history: [(role: String, content: String)] = []
    private var random = SplitMix64(seed: 13)

    /// The spans each turn makes.
    static let spansPerTurn = 4

    /// An export of `turns` turns (`turns * spansPerTurn` spans) from one process.
    mutating func export(turns: Int) -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest {
        var openInference = Opentelemetry_Proto_Trace_V1_ScopeSpans()
        openInference.scope.name = "openinference.instrumentation.openai"
        openInference.scope.version = "0.1.41"
        var genAI = Opentelemetry_Proto_Trace_V1_ScopeSpans()
        genAI.scope.name = "opentelemetry.instrumentation.openai_v2"
        genAI.scope.version = "2.2b0"
        for _ in 0..<turns {
            let spans = nextTurn()
            openInference.spans += spans.openInference
            genAI.spans += spans.genAI
        }
        var resource = Opentelemetry_Proto_Trace_V1_ResourceSpans()
        resource.resource.attributes = Self.resourceAttributes
        resource.scopeSpans = [openInference, genAI]
        var request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest()
        request.resourceSpans = [resource]
        return request
    }

    /// What the OpenTelemetry Python SDK puts on every process's resource.
    private static let resourceAttributes: [Opentelemetry_Proto_Common_V1_KeyValue] = [
        attribute("service.name", "support-agent"), attribute("service.version", "1.4.2"),
        attribute("deployment.environment", "dev"), attribute("telemetry.sdk.language", "python"),
        attribute("telemetry.sdk.name", "opentelemetry"), attribute("telemetry.sdk.version", "1.38.0"),
        attribute("process.pid", 48213), attribute("process.executable.name", "python3.12"),
        attribute("process.runtime.name", "cpython"), attribute("process.runtime.version", "3.12.7"),
        attribute("process.command_args", #"["python","-m","agent.main","--task","triage"]"#),
        attribute("host.name", "dev-laptop-7"), attribute("os.type", "linux"),
        attribute("openinference.project.name", "support-agent"),
    ]

    private mutating func nextTurn() -> (openInference: [Opentelemetry_Proto_Trace_V1_Span], genAI: [Opentelemetry_Proto_Trace_V1_Span]) {
        if turn % turnsPerConversation == 0 {
            conversation += 1
            history = [("system", "You are a support agent for Acme. Answer briefly, cite the ticket, and use tools to look things up.")]
        }
        turn += 1
        let question = "Ticket \(turn): the export to CSV fails with error E\(random.next() % 9000 + 1000) since the \(random.next() % 28 + 1)th."
        history.append(("user", question))
        let answer = "Looked at ticket \(turn): the CSV export times out after \(random.next() % 50 + 10) s; I raised the limit and re-ran it."
        let sessionId = "conversation-\(conversation)"
        let traceId = InstrumentedSpanWorkload.id(UInt64(turn), bytes: 16)
        let start = 1_795_165_200_000_000_000 + UInt64(turn) * 3_000_000_000
        let promptTokens = history.reduce(0) { $0 + $1.content.utf8.count / 4 }

        var root = span(traceId, id: UInt64(turn) << 2, parent: nil, name: "agent.run", start: start, duration: 2_600_000_000)
        root.attributes = [
            Self.attribute("openinference.span.kind", "CHAIN"), Self.attribute("session.id", sessionId),
            Self.attribute("user.id", "user-\(conversation % 7)"), Self.attribute("input.value", question),
            Self.attribute("input.mime_type", "text/plain"), Self.attribute("output.value", answer),
            Self.attribute("output.mime_type", "text/plain"),
        ]

        var llm = span(traceId, id: UInt64(turn) << 2 | 1, parent: root.spanID, name: "ChatCompletion", start: start + 10_000_000, duration: 1_200_000_000)
        var attributes = [
            Self.attribute("openinference.span.kind", "LLM"), Self.attribute("llm.model_name", "gpt-4o-2024-08-06"),
            Self.attribute("llm.provider", "openai"), Self.attribute("llm.system", "openai"),
            Self.attribute("llm.invocation_parameters", #"{"model":"gpt-4o","temperature":0.2,"max_tokens":1024}"#),
            Self.attribute("session.id", sessionId),
            Self.attribute("input.value", Self.requestJSON(history)), Self.attribute("input.mime_type", "application/json"),
            Self.attribute("output.value", #"{"id":"chatcmpl-\#(turn)","object":"chat.completion","model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":"\#(answer)"},"finish_reason":"stop"}]}"#),
            Self.attribute("output.mime_type", "application/json"),
            Self.attribute("llm.token_count.prompt", promptTokens), Self.attribute("llm.token_count.completion", 42),
            Self.attribute("llm.token_count.total", promptTokens + 42),
            Self.attribute("llm.output_messages.0.message.role", "assistant"),
            Self.attribute("llm.output_messages.0.message.content", answer),
        ]
        for (index, message) in history.enumerated() {
            attributes.append(Self.attribute("llm.input_messages.\(index).message.role", message.role))
            attributes.append(Self.attribute("llm.input_messages.\(index).message.content", message.content))
        }
        llm.attributes = attributes

        var chat = span(traceId, id: UInt64(turn) << 2 | 2, parent: root.spanID, name: "chat gpt-4o", start: start + 1_300_000_000, duration: 900_000_000)
        chat.attributes = [
            Self.attribute("gen_ai.operation.name", "chat"), Self.attribute("gen_ai.system", "openai"),
            Self.attribute("gen_ai.request.model", "gpt-4o"), Self.attribute("gen_ai.response.model", "gpt-4o-2024-08-06"),
            Self.attribute("gen_ai.response.id", "chatcmpl-b\(turn)"),
            Self.attribute("gen_ai.response.finish_reasons", ["stop"]),
            Self.attribute("gen_ai.usage.input_tokens", promptTokens + 30), Self.attribute("gen_ai.usage.output_tokens", 38),
            Self.attribute("gen_ai.input.messages", Self.messagesJSON(history + [("assistant", answer)])),
            Self.attribute("gen_ai.output.messages", Self.messagesJSON([("assistant", "Done: ticket \(turn) is closed.")])),
            Self.attribute("server.address", "api.openai.com"), Self.attribute("server.port", 443),
        ]

        var tool = span(traceId, id: UInt64(turn) << 2 | 3, parent: root.spanID, name: "lookup_ticket", start: start + 1_220_000_000, duration: 60_000_000)
        tool.attributes = [
            Self.attribute("openinference.span.kind", "TOOL"), Self.attribute("tool.name", "lookup_ticket"),
            Self.attribute("input.value", #"{"ticket":\#(turn)}"#),
            Self.attribute("output.value", #"{"status":"open","owner":"ops","age_days":\#(turn % 30)}"#),
        ]
        history.append(("assistant", answer))
        return ([root, llm, tool], [chat])
    }

    private func span(
        _ traceId: Data, id: UInt64, parent: Data?, name: String, start: UInt64, duration: UInt64
    ) -> Opentelemetry_Proto_Trace_V1_Span {
        var span = Opentelemetry_Proto_Trace_V1_Span()
        span.traceID = traceId
        span.spanID = Self.id(id, bytes: 8)
        if let parent { span.parentSpanID = parent }
        span.name = name
        span.kind = parent == nil ? .server : .client
        span.startTimeUnixNano = start
        span.endTimeUnixNano = start + duration
        span.status.code = .ok
        return span
    }

    private static func requestJSON(_ history: [(role: String, content: String)]) -> String {
        #"{"model":"gpt-4o","temperature":0.2,"max_tokens":1024,"messages":\#(messagesJSON(history))}"#
    }

    private static func messagesJSON(_ messages: [(role: String, content: String)]) -> String {
        "[" + messages.map { #"{"role":"\#($0.role)","content":"\#($0.content)"}"# }.joined(separator: ",") + "]"
    }

    private static func id(_ value: UInt64, bytes: Int) -> Data { IngestPayloads.id(value &* 0x9E37_79B9_7F4A_7C15, bytes: bytes) }

    private static func attribute(_ key: String, _ value: String) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = key
        attribute.value.stringValue = value
        return attribute
    }

    private static func attribute(_ key: String, _ value: Int) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = key
        attribute.value.intValue = Int64(value)
        return attribute
    }

    private static func attribute(_ key: String, _ values: [String]) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = key
        attribute.value.arrayValue.values = values.map { value in
            var any = Opentelemetry_Proto_Common_V1_AnyValue()
            any.stringValue = value
            return any
        }
        return attribute
    }
}
