import TurnscopeModel

extension ClaudeCodeTranscriptReader {
    /// Hands out the response being assembled if lines arrived since it was last handed out: its
    /// generation, the tool observations of calls not yet handed out, and the trace's answer.
    mutating func sendResponse(into records: inout [Record]) {
        guard var response, response.isPending else { return }
        response.isPending = false

        var generation = ObservationRecord(
            id: response.generationId, traceId: response.traceId, kind: .generation, name: "llm_request",
            endTime: response.lastTimestamp, completionStartTime: response.firstTimestamp,
            output: .messages([Message(role: .assistant, parts: response.parts)]), metadata: metadata(of: response))
        if !response.promptSent {
            // The prompt cannot change with later blocks of the response: it goes out once.
            response.promptSent = true
            let prompt = prompt(of: response)
            generation.input = prompt.messages.isEmpty ? nil : .messages(prompt.messages)
            generation.modelParameters = prompt.parameters
            response.sentAt = prompt.sentAt ?? response.firstTimestamp
        }
        generation.startTime = response.sentAt
        if response.isFailure {
            // A locally made error line: nothing was billed, and its model must not be priced.
            generation.level = .error
            generation.statusMessage = ClaudeContent.text(of: response.parts) ?? "API error"
        } else {
            generation.model = response.model
            generation.usage = response.usage
        }
        if let cost = response.costUSD { generation.cost = Cost(total: cost) }
        records.append(.observation(generation))

        for (call, time) in response.toolCalls.dropFirst(response.toolCallsSent) {
            tools.called(call, at: time, generationId: response.generationId, traceId: response.traceId, into: &records)
        }
        response.toolCallsSent = response.toolCalls.count
        // A side chain that has no trace of its own does not answer the prompt it runs under.
        let hasOwnTrace = !response.isSidechain || response.agentId != nil
        if hasOwnTrace, !response.isFailure, response.toolCalls.isEmpty,
            let text = ClaudeContent.text(of: response.parts)
        {
            prompts.answered(traceId: response.traceId, text: text, into: &records)
        }
        self.response = response
    }

    /// The prompt of a response as sent: the `api-request` it names when that resolves, else the
    /// `parentUuid` chain; the system prompt first when known. `sentAt` is the request's time,
    /// else that of the line the response follows.
    private mutating func prompt(of response: ClaudeResponse) -> (
        messages: [Message], parameters: [String: JSONValue]?, sentAt: Timestamp?
    ) {
        var resolved: ClaudeRequestLog.Resolved?
        if let ref = response.requestRef {
            let conversation = self.conversation
            resolved = requests.resolve(ref) { count in conversation.lastMessages(count, endingAt: response.parentUuid)
            }
        }
        let messages: [Message]
        if let prompt = resolved?.prompt {
            messages = prompt
        } else if let system = resolved?.system {
            messages = [system] + conversation.messages(endingAt: response.parentUuid)
        } else {
            messages = conversation.messages(endingAt: response.parentUuid)
        }
        var sentAt = resolved?.sentAt
        if sentAt == nil, let parent = response.parentUuid, let time = conversation.timestamp(of: parent),
            let first = response.firstTimestamp, time <= first
        {
            sentAt = time
        }
        return (messages, resolved?.parameters, sentAt)
    }

    /// Small facts about the response: the agent and its version, where it ran, the provider's
    /// ids and stop reason, and whether a sub-agent made it.
    private func metadata(of response: ClaudeResponse) -> JSONValue {
        var object: [String: JSONValue] = ["agent": "claude-code"]
        if let version = response.version { object["version"] = .string(version) }
        if let cwd = response.cwd { object["cwd"] = .string(cwd) }
        if let branch = response.gitBranch, !branch.isEmpty { object["gitBranch"] = .string(branch) }
        if let requestId = response.requestId { object["requestId"] = .string(requestId) }
        if let stopReason = response.stopReason { object["stopReason"] = .string(stopReason) }
        if response.isSidechain { object["isSidechain"] = true }
        if let agentId = response.agentId { object["agentId"] = .string(agentId) }
        if response.isFailure { object["model"] = .string(response.model ?? "<synthetic>") }
        return .object(object)
    }
}
