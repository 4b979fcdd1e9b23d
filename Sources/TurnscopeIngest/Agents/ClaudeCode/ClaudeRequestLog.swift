import TurnscopeModel

/// The requests recent Claude Code versions log as sent: `api-request-shape` (system prompt and
/// tools, by hash), `api-request-blob` (one message, by hash) and `api-request` (an earlier
/// request's first `keep` messages plus new blobs).
///
/// Claude Code writes a blob only for a message the transcript does not already hold (injected
/// reminders, system turns); a tail hash with no blob is one of the transcript's own messages:
/// the assistant reply and the tool results since the base request. Those are taken from the end
/// of the `parentUuid` chain, in order, when the response to the request is read.
struct ClaudeRequestLog {
    private var systems: [String: Message] = [:]
    private var blobs: [String: Message] = [:]
    private var requests: [String: Entry] = [:]
    /// The most recently resolved requests' messages: the next request is nearly always built on
    /// one of them, so it costs one copy instead of a walk back through every earlier request.
    private var recent: [(id: String, messages: [Message])] = []

    private struct Entry {
        var request: ClaudeRequest
        /// The tail's messages, once the hashes without a blob have been filled from the chain.
        var tail: [Message]?
    }

    /// A resolved request: what is known of it even when its messages are not.
    struct Resolved {
        var system: Message?
        var messages: [Message]?
        var parameters: [String: JSONValue]?
        var sentAt: Timestamp?
    }

    mutating func addShape(hash: String, system: Message?) {
        if let system { systems[hash] = system }
    }

    mutating func addBlob(hash: String, message: Message) {
        blobs[hash] = message
    }

    mutating func addRequest(id: String, _ request: ClaudeRequest) {
        requests[id] = Entry(request: request)
    }

    /// Request `id` as sent, or nil when no `api-request` line named it. `chainTail(n)` gives the
    /// last `n` messages of the conversation the response follows, for tail hashes without a blob.
    mutating func resolve(_ id: String, chainTail: (Int) -> [Message]?) -> Resolved? {
        guard let entry = requests[id] else { return nil }
        return Resolved(
            system: entry.request.shapeHash.flatMap { systems[$0] }, messages: messages(of: id, chainTail: chainTail),
            parameters: entry.request.parameters, sentAt: entry.request.timestamp)
    }

    /// The messages of request `id`: (messages of `base`).prefix(keep) + tail, or nil when a base
    /// or a tail message is unknown.
    private mutating func messages(of id: String, chainTail: (Int) -> [Message]?) -> [Message]? {
        // Walk back to a request whose messages are at hand (or one that keeps nothing).
        var pending: [String] = []
        var messages: [Message] = []
        var cursor = id
        while true {
            if let cached = recent.first(where: { $0.id == cursor }) {
                messages = cached.messages
                break
            }
            guard let entry = requests[cursor], pending.count <= requests.count else { return nil }
            pending.append(cursor)
            if entry.request.keep == 0 { break }
            guard let base = entry.request.base else { return nil }
            cursor = base
        }
        for requestId in pending.reversed() {
            guard let request = requests[requestId]?.request, request.keep <= messages.count else { return nil }
            guard let tail = tail(of: requestId, chainTail: requestId == id ? chainTail : { _ in nil }) else { return nil }
            messages.removeSubrange(request.keep...)
            messages += tail
        }
        remember(id, messages)
        return messages
    }

    /// The tail of a request: its blobs, the missing ones filled from the chain (for the request
    /// being answered only; an earlier request's were filled when its own answer was read).
    private mutating func tail(of id: String, chainTail: (Int) -> [Message]?) -> [Message]? {
        guard let entry = requests[id] else { return nil }
        if let tail = entry.tail { return tail }
        let known = entry.request.tail.map { blobs[$0] }
        let missing = known.count(where: { $0 == nil })
        var filler: [Message] = []
        if missing > 0 {
            guard let fromChain = chainTail(missing), fromChain.count == missing else { return nil }
            filler = fromChain
        }
        var next = 0
        let tail = known.map { message -> Message in
            if let message { return message }
            defer { next += 1 }
            return filler[next]
        }
        requests[id]?.tail = tail
        return tail
    }

    private mutating func remember(_ id: String, _ messages: [Message]) {
        recent.removeAll { $0.id == id }
        recent.append((id, messages))
        if recent.count > 4 { recent.removeFirst() }
    }
}
