import TurnscopeModel

/// The conversation graph of a transcript: every line with a `uuid`, linked by `parentUuid`, with
/// its decoded message kept so that a prompt is rebuilt without parsing any line again.
///
/// The chain, not file order, is the conversation: resumed and forked sessions, retries and
/// compactions leave lines in the file that a later request never sent.
struct ClaudeConversation {
    /// What a line contributes to a prompt.
    enum Content {
        /// Nothing: attachments, system lines, progress; they are followed, not sent.
        case none
        /// A user message (prompt, injected context, tool results).
        case user(Message)
        /// Content blocks of an assistant response; lines of one `message.id` form one message.
        case assistant(messageId: String?, parts: [MessagePart])
    }

    private struct Node {
        var parent: String?
        var content: Content
        var timestamp: Timestamp?
    }

    private var nodes: [String: Node] = [:]
    /// The last conversation rebuilt, so that the next one, which usually extends it, only walks
    /// the lines added since.
    private var memo: (uuid: String, messages: [Message], openAssistant: String?)?

    /// Records a line.
    mutating func add(uuid: String, parent: String?, timestamp: Timestamp?, content: Content) {
        nodes[uuid] = Node(parent: parent, content: content, timestamp: timestamp)
    }

    /// When the line was written.
    func timestamp(of uuid: String) -> Timestamp? {
        nodes[uuid]?.timestamp
    }

    /// The messages along the chain from the root to `uuid`, inclusive: user lines as they are,
    /// the lines of each assistant response merged into one message, other lines skipped.
    mutating func messages(endingAt uuid: String?) -> [Message] {
        var contents: [Content] = []
        var base: [Message] = []
        var open: String?
        var cursor = uuid
        var steps = 0
        while let id = cursor, steps <= nodes.count {
            if let memo, memo.uuid == id {
                base = memo.messages
                open = memo.openAssistant
                break
            }
            guard let node = nodes[id] else { break }
            if case .none = node.content {} else { contents.append(node.content) }
            cursor = node.parent
            steps += 1
        }
        var messages = base
        for content in contents.reversed() {
            switch content {
            case .none:
                break
            case .user(let message):
                messages.append(message)
                open = nil
            case .assistant(let messageId, let parts):
                if let messageId, messageId == open, !messages.isEmpty {
                    messages[messages.count - 1].parts += parts
                } else {
                    messages.append(Message(role: .assistant, parts: parts))
                    open = messageId
                }
            }
        }
        if let uuid { memo = (uuid, messages, open) }
        return messages
    }

    /// The last `count` messages of the chain ending at `uuid`, walking back only as far as they
    /// reach; nil when the chain is shorter.
    func lastMessages(_ count: Int, endingAt uuid: String?) -> [Message]? {
        guard count > 0 else { return [] }
        var reversed: [Message] = []
        var open: String?
        var cursor = uuid
        var steps = 0
        walk: while let id = cursor, steps <= nodes.count, let node = nodes[id] {
            switch node.content {
            case .none:
                break
            case .user(let message):
                // A message is complete once the walk has passed all its lines: a new one may
                // start only while fewer than `count` are held.
                if reversed.count == count { break walk }
                reversed.append(message)
                open = nil
            case .assistant(let messageId, let parts):
                if let messageId, messageId == open {
                    reversed[reversed.count - 1].parts.insert(contentsOf: parts, at: 0)
                } else {
                    if reversed.count == count { break walk }
                    reversed.append(Message(role: .assistant, parts: parts))
                    open = messageId
                }
            }
            cursor = node.parent
            steps += 1
        }
        guard reversed.count == count else { return nil }
        return reversed.reversed()
    }
}
