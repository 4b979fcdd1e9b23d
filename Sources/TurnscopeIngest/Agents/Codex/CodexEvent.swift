import TurnscopeModel

/// What one rollout line says, decoded and checked but not yet applied, so that a line with a bad
/// field can be refused before it changes the reader's state.
enum CodexEvent {
    /// `session_meta`: who and where the session is.
    case sessionMeta(CodexSessionMeta)
    /// `turn_context`: the settings of the turn about to run.
    case turnContext(turnId: String?, model: String?, effort: String?)
    /// A `response_item` the reader keeps: a conversation item the model reads or wrote.
    case item(CodexItem)
    /// `compacted`: the conversation was summarised; `replacement` is the new history when given.
    case compacted(summary: String?, replacement: [CodexItem]?)
    /// `event_msg` `token_count`; nil when its `info` is null.
    case tokenCount(CodexTokenInfo?)
    /// `token_usage_record` (newer builds): one response's usage and id.
    case usageRecord(responseId: String?, usage: CodexTokens?)
    /// `event_msg` `task_started`: a turn begins.
    case taskStarted(turnId: String?)
    /// `event_msg` `task_complete`: a turn ended, with the agent's last message.
    case taskComplete(turnId: String?, lastMessage: String?)
    /// `event_msg` `user_message`: the user's text as the UI showed it.
    case userMessage(String)
    /// `event_msg` `error` or `turn_aborted`: what went wrong.
    case failure(String)
    /// `event_msg` `thread_settings_applied`: the thread's model, a fallback for `turn_context`.
    case threadSettings(model: String?, effort: String?)
    /// A line the reader has no use for.
    case ignored
}

/// The `session_meta` payload fields the reader uses.
struct CodexSessionMeta {
    var id: String?
    var cwd: String?
    var version: String?
    var originator: String?
    var provider: String?
    var baseInstructions: String?
    var forkedFrom: String?
    var gitBranch: String?
}
