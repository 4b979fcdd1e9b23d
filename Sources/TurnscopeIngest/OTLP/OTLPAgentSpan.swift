import TurnscopeModel

/// The coding agents' own spans, which the generic GenAI reading gets wrong.
///
/// - Claude Code's `claude_code.llm_request` spans carry the request id its log events carry, so
///   the span takes the events' id for the call and both fill one row. Versions before 2.1.337
///   send only flat counters (`input_tokens` without the cache, `cache_creation_tokens` apart),
///   which become the usage; newer ones send them beside GenAI's, which win. `cost_usd` is the
///   cost Claude Code reported. A failed call's message leads with its HTTP status, as its
///   `api_error` event's does. A tool's span (`claude_code.tool`) and its phases
///   (`blocked_on_user`, `execution`) are its timing: the tool call itself is the events' and
///   the transcript's. The session is marked as Claude Code's.
/// - Codex exports its internal `tracing` spans: hundreds per turn, several with a `model`
///   attribute. Only the `handle_responses` span that carries a stream's usage is a model call;
///   `session_task.turn` is the agent's turn, its usage a sum of calls; model requests and tool
///   runs stay spans, and the rest is left out (see `codex(_:span:)`).
/// - Gemini CLI always sends its log events beside its spans, and `gemini_cli.api_response`
///   carries the full counts (cached, thoughts, tool tokens); the `llm_call` span has only input
///   (cache inclusive) and output (thoughts exclusive). Read as GenAI usage, the span's counts
///   would replace the events' whenever it arrives second, so the span keeps none.
enum OTLPAgentSpan {
    /// The agents whose spans are read specially.
    enum Agent {
        case claudeCode, codex, geminiCLI
    }

    /// The agent that exported `span`, from its service and instrumentation scope.
    static func agent(of span: OTLPSpan) -> Agent? {
        let service = OTLPValues.text(span.source.resourceAttributes["service.name"]) ?? ""
        if service.hasPrefix("claude-code") || span.source.scopeName.hasPrefix("com.anthropic.claude_code") {
            return .claudeCode
        }
        // Codex names its span scope after its service (`codex_cli_rs`, `codex_exec`, …).
        if service.hasPrefix("codex"), span.source.scopeName == service { return .codex }
        if service == "gemini-cli" { return .geminiCLI }
        return nil
    }

    /// Rewrites a Claude Code span's observation; returns the records to write before it.
    static func claudeCode(
        _ observation: inout ObservationRecord, span: OTLPSpan, attributes: inout OTLPAttributes
    ) -> [Record] {
        let flat = ["input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_tokens"]
        if observation.usage == nil, flat.contains(where: { attributes.has($0) }) {
            func count(_ key: String) -> Int64? { OTLPValues.integer(attributes.take(key)) }
            observation.usage = Usage(
                input: count("input_tokens"), output: count("output_tokens"), cacheRead: count("cache_read_tokens"),
                cacheWrite5m: count("cache_creation_tokens"))
        }
        for key in flat { attributes.discard(key) }
        if observation.cost == nil, let cost = OTLPValues.double(attributes.take("cost_usd")), cost >= 0 {
            observation.cost = Cost(total: cost)
        }
        if span.name == "claude_code.llm_request" {
            if let requestId = attributes.text("request_id", "client_request_id") {
                observation.id = ClaudeCodeEvents.idPrefix + requestId
                // Claude Code repeats the request id as `gen_ai.response.id`: it names no response
                // (the transcript's message id does), and read as one it would never agree with it.
                if OTLPValues.text(attributes.peek("gen_ai.response.id")) == requestId { attributes.discard("gen_ai.response.id") }
            }
            if observation.level == .error {
                observation.statusMessage = ClaudeCodeEvents.failure(
                    observation.statusMessage ?? OTLPValues.text(attributes.peek("error")),
                    status: OTLPValues.integer(attributes.peek("status_code")))
            }
        }
        // `claude_code.tool.blocked_on_user` and `.execution` are phases of the `claude_code.tool`
        // span above them; `execution` names the tool call too, which would make it a second tool.
        if span.name.hasPrefix("claude_code.tool."), observation.kind == .tool { observation.kind = .span }
        // The tool call itself is the `tool_decision`/`tool_result` events' and the transcript's
        // observation (`claude-code:<tool use id>`); the span is its timing, and as a second
        // tool it would count the call twice.
        if span.name == "claude_code.tool", observation.kind == .tool { observation.kind = .span }
        guard let session = OTLPValues.text(attributes.peek("session.id")) else { return [] }
        return [.session(SessionRecord(id: session, source: SessionSource.claudeCode))]
    }

    /// Rewrites a Codex span's observation; false when the span is left out. `handle_responses`
    /// spans carry a stream's usage on the last one of each model request: that one is the call.
    /// Codex logs the call's usage with no span id, so its events and this span are matched by the
    /// store, by trace (the events of the turn name it), usage and end time. The turn
    /// (`session_task.turn`, whose usage sums its calls), the model requests
    /// (`run_sampling_request`, which name the model) and the tool runs' spans are kept as spans; the
    /// hundreds of other internal spans a prompt makes (`auth`, `fs.read_file`, `thread/start`,
    /// every stream event's `handle_responses`) are left out: they hold no text, and those of
    /// start-up belong to no turn, so they would only make a session of their own.
    static func codex(_ observation: inout ObservationRecord, span: OTLPSpan) -> Bool {
        switch span.name {
        case "handle_responses":
            guard var usage = observation.usage else { return false }
            observation.kind = .generation
            // Codex names its reasoning count outside GenAI's keys; a zero cache write is none.
            usage.reasoning = usage.reasoning ?? OTLPValues.integer(span.attributes["codex.usage.reasoning_output_tokens"])
            if usage.cacheWrite5m == 0 { usage.cacheWrite5m = nil }
            observation.usage = usage
        case "session_task.turn":
            observation.kind = .agent
        case "run_sampling_request":
            observation.kind = .span
        default:
            // A tool run's spans (several per call) are its timing; the call itself, with its
            // arguments and output, is `codex.tool_result`'s observation.
            guard span.attributes["call_id"] != nil || observation.kind == .tool else { return false }
            observation.kind = .span
        }
        return true
    }
}
