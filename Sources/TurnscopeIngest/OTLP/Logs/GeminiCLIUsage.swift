import TurnscopeModel

/// The token counts of a `gemini_cli.api_response`, in Gemini's semantics (AGENT-TELEMETRY.md §4.5)
/// turned into `Usage`'s:
///
/// - `input_token_count` (promptTokenCount) includes `cached_content_token_count`, and
///   `tool_token_count` (toolUsePromptTokenCount) is input on top of it, so uncached input is
///   `input − cached + tool`, and `cacheRead` is `cached`;
/// - `output_token_count` (candidatesTokenCount) excludes `thoughts_token_count`, which Gemini
///   bills as output too. `Usage.output` includes reasoning and `reasoning` is a part of it, as
///   for every other provider, so `output` is `output + thoughts` and `reasoning` is `thoughts`:
///   the thoughts are then priced once, at the output price, like OpenAI's reasoning tokens;
/// - `total_token_count` is the sum of all four and is kept as the reported total.
enum GeminiCLIUsage {
    static func usage(of event: GeminiCLIEvent) -> Usage? {
        let input = event.count("input_token_count")
        let cached = event.count("cached_content_token_count")
        let tool = event.count("tool_token_count")
        let output = event.count("output_token_count")
        let thoughts = event.count("thoughts_token_count")
        var usage = Usage(cacheRead: cached, reasoning: thoughts, total: event.count("total_token_count"))
        if let input {
            // A report with more cached tokens than input is not Gemini's; its input is kept as is
            // rather than clamped, as the span mapping does.
            let uncached = input >= (cached ?? 0) ? input - (cached ?? 0) : input
            usage.input = uncached.addingReportingOverflow(tool ?? 0).overflow ? uncached : uncached + (tool ?? 0)
        } else if let tool {
            usage.input = tool
        }
        if output != nil || thoughts != nil {
            let (sum, overflow) = (output ?? 0).addingReportingOverflow(thoughts ?? 0)
            usage.output = overflow ? output : sum
        }
        return usage.isEmpty ? nil : usage
    }
}
