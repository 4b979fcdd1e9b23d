import TurnscopeModel

extension MirrorDrainer {
    /// Delivers items as batch-ingestion events (scores always; traces on servers without OTLP).
    /// The 207 answer is read per event: an item is delivered when all its events are, parked when
    /// the server refused one as invalid, and left pending when one failed on the server's side.
    func deliverEvents(
        _ items: [MirrorItem], mark marking: Bool, events: (MirrorItem, Timestamp) -> [JSONValue]
    ) -> Progress {
        guard !items.isEmpty else { return .delivered }
        let now = Timestamp.now
        let perItem = items.map { events($0, now) }
        switch send(requests.ingestion(perItem.flatMap { $0 })) {
        case .failure(let error): return .stopped(reason: "network: \(error)", retryAfter: nil)
        case .success(let response):
            switch DeliveryOutcome.classify(response) {
            case .delivered: break
            case .tooLarge, .invalid:
                guard items.count > 1 else {
                    return park(items.map(\.entry), reason: "\(response.status): \(DeliveryOutcome.detail(response))")
                }
                let middle = items.count / 2
                return deliverEvents(Array(items[..<middle]), mark: marking, events: events)
                    .then { deliverEvents(Array(items[middle...]), mark: marking, events: events) }
            case .endpointMissing:
                return .stopped(
                    reason: "\(response.status) from \(MirrorProtocol.ingestion.path): is LANGFUSE_HOST a Langfuse server?",
                    retryAfter: nil)
            case .retryLater(let reason, let after): return .stopped(reason: reason, retryAfter: after)
            }
            let reply = IngestionReply(response.body)
            var delivered: [MirrorItem] = []
            var progress = Progress.delivered
            var serverFailure: String?
            for (item, itemEvents) in zip(items, perItem) {
                let ids = itemEvents.compactMap { $0.objectValue?["id"]?.stringValue }
                if let refusal = ids.lazy.compactMap({ reply.refused[$0] }).first {
                    progress = progress.then { park([item.entry], reason: refusal) }
                } else if let failure = ids.lazy.compactMap({ reply.failed[$0] }).first {
                    serverFailure = failure
                } else {
                    delivered.append(item)
                }
            }
            if marking { progress = progress.then { mark(delivered.map(Self.linked), records: Self.records(delivered)) } }
            if let serverFailure { return progress.then { .stopped(reason: serverFailure, retryAfter: nil) } }
            return progress
        }
    }

    /// Delivers scores through batch ingestion, the endpoint every Langfuse server takes them on.
    func deliverScores(_ items: [MirrorItem]) -> Progress {
        deliverEvents(items, mark: true) { item, now in
            guard case .score(let score) = item.payload else { return [] }
            return LangfuseEventEncoder.events([score], now: now)
        }
    }
}
