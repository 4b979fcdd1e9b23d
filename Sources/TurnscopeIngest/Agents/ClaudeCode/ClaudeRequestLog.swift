import TurnscopeModel

/// The requests recent Claude Code versions log as sent: `api-request-shape` (system prompt and
/// tools, by hash), `api-request-blob` (one message, by hash) and `api-request` (an earlier
/// request's first `keep` messages plus new blobs).
///
/// Claude Code writes a blob only for a message the transcript does not already hold (injected
/// reminders, system turns); a tail hash with no blob is one of the transcript's own messages:
/// the assistant reply and the tool results since the base request. Those are taken from the end
/// of the `parentUuid` chain, in order, when the response to the request is read (checked against
/// a real 2.1.337 transcript: the missing hashes are SHA-256 digests of exactly those messages).
struct ClaudeRequestLog {
    private var systems: [String: Message] = [:]
    private var blobs: [String: Message] = [:]
    private var requests: [String: ClaudeRequest] = [:]
    /// The most recently resolved requests' prompts (`offset` 1 when the first message is the
    /// system prompt): the next request is nearly always built on one of them, so it costs one
    /// copy instead of a walk back through every earlier request.
    private var recent: [(id: String, prompt: [Message], offset: Int)] = []

    /// A resolved request: what is known of it even when its messages are not.
    struct Resolved {
        /// The system prompt of the request's shape.
        var system: Message?
        /// The prompt as sent: the system message first when known, then the messages; nil when
        /// they could not be rebuilt.
        var prompt: [Message]?
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
        requests[id] = request
    }

    /// Request `id` as sent, or nil when no `api-request` line named it. `chainTail(n)` gives the
    /// last `n` messages of the conversation the response follows, for tail hashes without a blob.
    mutating func resolve(_ id: String, chainTail: (Int) -> [Message]?) -> Resolved? {
        guard let request = requests[id] else { return nil }
        let system = request.shapeHash.flatMap { systems[$0] }
        return Resolved(
            system: system, prompt: prompt(of: id, system: system, chainTail: chainTail),
            parameters: request.parameters,
            sentAt: request.timestamp)
    }

    /// The prompt of request `id`: the system message, then (messages of `base`).prefix(keep) +
    /// tail; nil when a base is unknown or the chain is too short for the messages without a blob.
    ///
    /// Missing blobs are holes filled at the end from the last messages of the chain, in order: the
    /// holes of earlier requests were filled when their answers were read (their prompts are
    /// remembered), so usually only this request's are left; a request that was never answered
    /// (a failed attempt) leaves its holes to the request built on it, and they are still the
    /// transcript's latest messages.
    private mutating func prompt(of id: String, system: Message?, chainTail: (Int) -> [Message]?) -> [Message]? {
        // Walk back to a request whose prompt is at hand, or one that keeps nothing.
        var pending: [ClaudeRequest] = []
        var conversation: ArraySlice<Message> = []
        var cursor = id
        while true {
            if let cached = recent.first(where: { $0.id == cursor }) {
                conversation = cached.prompt[cached.offset...]
                break
            }
            guard let request = requests[cursor], pending.count <= requests.count else { return nil }
            pending.append(request)
            if request.keep == 0 { break }
            guard let base = request.base else { return nil }
            cursor = base
        }
        guard let last = pending.first else { return recent.first { $0.id == id }?.prompt }

        // Earlier requests (rare: only when one was never answered) are built in a scratch list;
        // the request itself is built once, straight into the prompt with its system message,
        // so a turn costs one copy of the history.
        var holes: [Int] = []
        for request in pending.dropFirst().reversed() {
            guard request.keep <= conversation.count else { return nil }
            conversation = conversation.prefix(request.keep)
            holes.removeAll { $0 >= request.keep }
            append(request.tail, to: &conversation, holes: &holes)
        }
        guard last.keep <= conversation.count else { return nil }
        let offset = system == nil ? 0 : 1
        var prompt: [Message] = []
        prompt.reserveCapacity(offset + last.keep + last.tail.count)
        if let system { prompt.append(system) }
        prompt.append(contentsOf: conversation.prefix(last.keep))
        holes = holes.filter { $0 < last.keep }.map { $0 + offset }
        append(last.tail, to: &prompt, holes: &holes)
        if !holes.isEmpty {
            guard let fill = chainTail(holes.count), fill.count == holes.count else { return nil }
            for (hole, message) in zip(holes, fill) { prompt[hole] = message }
        }
        remember(id, prompt, offset: offset)
        return prompt
    }

    /// Appends the blobs of `tail`, with an empty message as a hole for each hash without one;
    /// holes are positions counted from the start of `list`.
    private func append<List: RangeReplaceableCollection<Message>>(
        _ tail: [String], to list: inout List, holes: inout [Int]
    ) {
        for hash in tail {
            if let blob = blobs[hash] {
                list.append(blob)
            } else {
                holes.append(list.count)
                list.append(Message(role: .user, parts: []))
            }
        }
    }

    private mutating func remember(_ id: String, _ prompt: [Message], offset: Int) {
        recent.removeAll { $0.id == id }
        recent.append((id, prompt, offset))
        if recent.count > 4 { recent.removeFirst() }
    }
}
