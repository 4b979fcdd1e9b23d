import TurnscopeModel

extension MirrorDrainer {
    /// Delivers trace items in one request, halving on 413 and on 400 until the refused records are
    /// alone and can be parked. With `mark` false (the halves of one trace) nothing is marked
    /// delivered: the caller marks the trace once every half is upstream.
    func deliver(_ items: [MirrorItem], mark marking: Bool) -> Progress {
        guard !items.isEmpty else { return .delivered }
        switch wire {
        case .otlp:
            let traces = items.compactMap(Self.trace)
            let request = requests.otlp(traces)
            if request.body.count > settings.maximumBodyBytes, items.count > 1 || traces.first.map({ $0.observations.count > 1 }) == true {
                return split(items, mark: marking, reason: "too large to send even alone")
            }
            switch send(request) {
            case .failure(let error): return .stopped(reason: "network: \(error)", retryAfter: nil)
            case .success(let response):
                switch DeliveryOutcome.classify(response) {
                case .delivered: return marking ? mark(items.map(Self.linked), records: Self.records(items)) : .delivered
                case .endpointMissing:
                    // A server without the OTLP endpoint is an older Langfuse (v2): batch ingestion
                    // is the API it has.
                    switchToIngestion()
                    return deliver(items, mark: marking)
                case .tooLarge: return split(items, mark: marking, reason: "413: too large for the server even alone")
                case .invalid(let reason): return split(items, mark: marking, reason: reason)
                case .retryLater(let reason, let after): return .stopped(reason: reason, retryAfter: after)
                }
            }
        case .ingestion:
            return deliverEvents(items, mark: marking) { item, now in
                guard let trace = Self.trace(item) else { return [] }
                return LangfuseEventEncoder.events([trace], options: requests.options, now: now)
            }
        }
    }

    /// Delivers the items in halves; a single trace is halved by its observations, and a single
    /// observation that still fails is parked with `reason`.
    func split(_ items: [MirrorItem], mark marking: Bool, reason: String) -> Progress {
        if items.count > 1 {
            let middle = items.count / 2
            return deliver(Array(items[..<middle]), mark: marking).then { deliver(Array(items[middle...]), mark: marking) }
        }
        guard let item = items.first, let trace = Self.trace(item), trace.observations.count > 1 else {
            return park(items.map(\.entry), reason: reason)
        }
        let middle = trace.observations.count / 2
        var first = trace
        first.observations = Array(trace.observations[..<middle])
        var second = trace
        second.observations = Array(trace.observations[middle...])
        let halves = deliver([MirrorItem(entry: item.entry, payload: .trace(first))], mark: false)
            .then { deliver([MirrorItem(entry: item.entry, payload: .trace(second))], mark: false) }
        if case .delivered = halves, marking { return mark([Self.linked(item)], records: trace.observations.count) }
        return halves
    }

    static func trace(_ item: MirrorItem) -> OutgoingTrace? {
        if case .trace(let trace) = item.payload { return trace }
        return nil
    }

    /// The item's entry with the id its trace has upstream, kept for the browser's link.
    static func linked(_ item: MirrorItem) -> MirrorEntry {
        var entry = item.entry
        if let trace = trace(item) { entry.upstreamId = UpstreamIds.trace(trace.trace.id) }
        return entry
    }

    static func records(_ items: [MirrorItem]) -> Int { items.reduce(0) { $0 + $1.recordCount } }
}
