import Foundation
import TurnscopeModel

/// The session a proxied call belongs to, from what the client sent; the first rule that gives
/// a non-empty id wins:
///
/// 1. the `X-Turnscope-Session` header, set by the user on purpose;
/// 2. Claude Code's `X-Claude-Code-Session-Id` header;
/// 3. the body's `prompt_cache_key` (OpenAI; Codex sends its conversation id there);
/// 4. the body's `metadata.user_id` (Anthropic). Claude Code puts a JSON text there whose
///    `session_id` is its session, and older versions a `user_…_session_<id>` string: the session
///    part is taken, so the call joins the session of the agent's transcript. Any other value
///    is used whole;
/// 5. the body's `user` (OpenAI);
/// 6. none: the store's automatic rule groups the call.
enum ProviderSession {
    static func id(headers: ProviderHeaders, body: [String: JSONValue]) -> String? {
        let candidates: [String?] = [
            headers["x-turnscope-session"], headers["x-claude-code-session-id"], body["prompt_cache_key"]?.stringValue,
            body["metadata"]?["user_id"]?.stringValue.map(anthropicSession), body["user"]?.stringValue,
        ]
        for case let candidate? in candidates {
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { return trimmed }
        }
        return nil
    }

    /// The session inside an Anthropic `metadata.user_id`, else the whole value.
    private static func anthropicSession(_ userId: String) -> String {
        if userId.hasPrefix("{"), let session = (try? JSONText.parse(userId))?["session_id"]?.stringValue,
            !session.isEmpty
        {
            return session
        }
        if let marker = userId.range(of: "_session_") {
            let session = userId[marker.upperBound...]
            if !session.isEmpty { return String(session) }
        }
        return userId
    }
}
