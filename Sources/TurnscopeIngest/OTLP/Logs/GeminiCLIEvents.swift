import Foundation
import TurnscopeModel

/// Maps Gemini CLI's log events (AGENT-TELEMETRY.md §4) into its session's records:
///
/// - `gemini_cli.user_prompt`: the prompt's text as the input of its trace (`GeminiCLITraces`);
/// - `gemini_cli.api_request`, `gemini_cli.api_response`, `gemini_cli.api_error` and their
///   `gen_ai.client.inference.operation.details` twins: one generation per model call
///   (`GeminiCLICallBook` names it, `GeminiCLIGeneration` fills it in), a failed one for each
///   failed attempt;
/// - `gemini_cli.tool_call`: a tool observation (`GeminiCLIToolCall`);
/// - and a `gemini-cli` session record for each session the export speaks of, labelled with the
///   session's first prompt when the export holds it (`prompt_id` `<session>########1`): the
///   automatic label, the first user message of the first call, would be the CLI's own context
///   preamble ("This is the Gemini CLI. …").
///
/// The CLI's other events (`config`, `file_operation`, `model_routing`, …) are acknowledged and not
/// stored. A record with no `session.id`, on itself or on its resource, is left out: the CLI sets
/// it on both, and without it nothing the record says could be grouped or given a stable id.
enum GeminiCLIEvents {
    static func records(for logs: [OTLPLogRecord]) -> [Record] {
        var sessions: [String] = []
        var labels: [String: String] = [:]
        var traces = GeminiCLITraces()
        var book = GeminiCLICallBook()
        var tools: [(order: Int, call: GeminiCLIToolCall, session: String)] = []

        for (order, log) in logs.enumerated() {
            let event = GeminiCLIEvent(log)
            guard let session = event.session else { continue }
            switch event.name {
            case "gemini_cli.user_prompt":
                traces.prompt(event, session: session)
                if event.promptId == session + "########1", let prompt = event.text("prompt") {
                    let label = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !label.isEmpty { labels[session] = String(label.prefix(200)) }
                }
            case GeminiCLIGeneration.request, GeminiCLIGeneration.response, GeminiCLIGeneration.error,
                GeminiCLIGeneration.twin:
                book.add(event, session: session, order: order)
            case GeminiCLIToolCall.eventName:
                tools.append((order, GeminiCLIToolCall(event), session))
            default:
                continue
            }
            if !sessions.contains(session) { sessions.append(session) }
        }

        var generations: [(record: ObservationRecord, promptId: String?, outcomeOrder: Int?)] = []
        for call in book.named {
            guard let session = call.events.first?.session else { continue }
            let generation = GeminiCLIGeneration(call.events)
            let traceId =
                generation.recordedTraceId ?? GeminiCLITraces.promptTraceId(session: session, promptId: generation.promptId)
            let record = generation.record(id: call.id, traceId: traceId)
            traces.note(traceId, session: session, promptId: generation.promptId, time: record.eventTime)
            generations.append((record, generation.promptId, call.outcomeOrder))
        }

        var toolRecords: [ObservationRecord] = []
        for tool in tools {
            let promptId = tool.call.event.promptId
            let traceId = GeminiCLITraces.traceId(of: tool.call.event.log, session: tool.session, promptId: promptId)
            // Emitted in a span, the record belongs under it; otherwise under the call of the same
            // prompt that last asked for this function (Gemini gives calls no ids to pair them by).
            let parentId =
                tool.call.event.log.spanId
                ?? generations.last { generation in
                    guard let outcome = generation.outcomeOrder, outcome < tool.order,
                        generation.promptId == promptId, generation.record.traceId == traceId
                    else { return false }
                    return generation.record.output?.messages?.contains { $0.toolCalls.contains { $0.name == tool.call.name } }
                        ?? false
                }?.record.id
            toolRecords.append(tool.call.record(session: tool.session, traceId: traceId, parentId: parentId))
            traces.note(traceId, session: tool.session, promptId: promptId, time: tool.call.event.time)
        }

        return sessions.map { .session(SessionRecord(id: $0, source: SessionSource.geminiCLI, label: labels[$0])) }
            + traces.records.map(Record.trace) + generations.map { .observation($0.record) }
            + toolRecords.map(Record.observation)
    }
}
