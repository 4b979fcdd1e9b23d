import Foundation
import TurnscopeModel

/// Reads a tool's answer (`function_call_output` / `custom_tool_call_output` `output`) and tells
/// whether the command failed.
enum CodexToolOutput {
    /// The answer as a tool result: its text, and `isError` when the command reported a non-zero
    /// exit code or the payload says it did not succeed.
    static func result(callId: String, _ payload: FieldReader) throws(FieldError) -> ToolResult {
        var isError = false
        let text: String
        switch payload.value("output") {
        case nil:
            text = ""
        case .string(let string)?:
            text = string
        case .array(let items)?:
            text = joined(items)
        case .object(let object)?:
            // Some builds wrote the payload struct itself: `{content, success}`.
            let output = try FieldReader(.object(object), path: payload.path(of: "output"))
            switch output.value("content") {
            case .string(let string)?: text = string
            case .array(let items)?: text = joined(items)
            default: text = JSONText.string(.object(object))
            }
            isError = try output.bool("success") == false
        case let other?:
            text = JSONText.string(other)
        }
        return ToolResult(callId: callId, content: text, isError: isError || exitCode(text).map { $0 != 0 } == true)
    }

    /// Content items (`input_text`, `input_image`, …): the texts joined by newlines, or the whole
    /// list as JSON when it holds anything else, as `PayloadNormalizer` does for other sources.
    private static func joined(_ items: [JSONValue]) -> String {
        var texts: [String] = []
        for item in items {
            guard case .string(let type)? = item["type"], type == "input_text" || type == "output_text" || type == "text",
                case .string(let text)? = item["text"]
            else { return JSONText.string(.array(items)) }
            texts.append(text)
        }
        return texts.joined(separator: "\n")
    }

    /// The exit code a shell tool's answer reports, when it reports one where Codex puts it:
    /// older builds answer `{"output": …, "metadata": {"exit_code": N, …}}` as a JSON string, newer
    /// ones open the text with `Process exited with code N` (`exec_command`) or `Exit code: N`
    /// (`shell`). Only the head is searched, so a command's own output cannot fake it.
    static func exitCode(_ text: String) -> Int64? {
        if text.hasPrefix("{\"output\""), let value = try? JSONText.parse(text), let code = value["metadata"]?["exit_code"] {
            return code.integerValue
        }
        let head = text.prefix(400)
        for marker in ["Process exited with code ", "Exit code: "] {
            guard let range = head.range(of: marker) else { continue }
            let digits = head[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count < 10 { return Int64(digits) }
        }
        return nil
    }
}
