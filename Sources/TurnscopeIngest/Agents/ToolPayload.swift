import TurnscopeModel

/// What a tool observation read from a transcript keeps of its arguments and result.
///
/// Both are already in the conversation: the arguments in the response that made the call, the
/// result in the next prompt, where the store keeps each message once. A copy on the tool
/// observation would be a second blob with its own compression and full-text entry, which for
/// the kilobytes a file read or a test run returns doubled the work and the database. Small
/// values stay for the trace tree; large ones are left to the messages, where the turn view
/// pairs each call with its result by id.
enum ToolPayload {
    /// The largest argument or result text kept on the tool observation itself.
    static let inlineLimit = 2048

    /// `value` as a payload when its text is small enough to keep twice, else nil.
    static func inline(_ value: JSONValue) -> Payload? {
        switch value {
        case .string(let text): text.utf8.count <= inlineLimit ? .json(value) : nil
        default: value.jsonBytes.count <= inlineLimit ? .json(value) : nil
        }
    }
}
