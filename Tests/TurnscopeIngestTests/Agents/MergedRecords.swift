import TurnscopeModel

/// A transcript reader's records merged by id the way the store merges them: a later record's
/// non-nil fields win, the fields fixed at first write (trace id, kind, start time) keep their
/// first value, and metadata objects merge member by member. Readers may hand out a record more
/// than once as it fills in; tests compare what the store would end up with.
struct MergedRecords: Equatable {
    var records: [Record] = []
    var traces: [String: TraceRecord] = [:]
    var observations: [String: ObservationRecord] = [:]
    var sessions: [String: SessionRecord] = [:]

    init(_ records: [Record]) {
        self.records = records
        let policy = MergePolicy(stored: nil, incoming: nil)
        for record in records {
            switch record {
            case .trace(let new):
                guard var old = traces[new.id] else {
                    traces[new.id] = new
                    continue
                }
                old.name = policy.pick(old.name, new.name)
                old.sessionId = policy.pick(old.sessionId, new.sessionId)
                old.timestamp = policy.first(old.timestamp, new.timestamp)
                old.metadata = policy.metadata(old.metadata, new.metadata)
                old.input = policy.pick(old.input, new.input)
                old.output = policy.pick(old.output, new.output)
                traces[new.id] = old
            case .observation(let new):
                guard var old = observations[new.id] else {
                    observations[new.id] = new
                    continue
                }
                old.traceId = policy.first(old.traceId, new.traceId)
                old.parentId = policy.pick(old.parentId, new.parentId)
                old.kind = policy.first(old.kind, new.kind)
                old.name = policy.pick(old.name, new.name)
                old.startTime = policy.first(old.startTime, new.startTime)
                old.endTime = policy.pick(old.endTime, new.endTime)
                old.completionStartTime = policy.pick(old.completionStartTime, new.completionStartTime)
                old.model = policy.pick(old.model, new.model)
                old.modelParameters = policy.pick(old.modelParameters, new.modelParameters)
                old.input = policy.pick(old.input, new.input)
                old.output = policy.pick(old.output, new.output)
                old.metadata = policy.metadata(old.metadata, new.metadata)
                old.usage = policy.pick(old.usage, new.usage)
                old.cost = policy.pick(old.cost, new.cost)
                old.level = policy.pick(old.level, new.level)
                old.statusMessage = policy.pick(old.statusMessage, new.statusMessage)
                observations[new.id] = old
            case .session(let new):
                guard var old = sessions[new.id] else {
                    sessions[new.id] = new
                    continue
                }
                old.source = policy.pick(old.source, new.source)
                old.project = policy.pick(old.project, new.project)
                old.label = policy.pick(old.label, new.label)
                old.reportedCost = policy.pick(old.reportedCost, new.reportedCost)
                sessions[new.id] = old
            case .score:
                break
            }
        }
    }

    /// Generations by start time, then id.
    var generations: [ObservationRecord] {
        observations.values.filter { $0.kind == .generation }.sorted {
            ($0.startTime?.microseconds ?? 0, $0.id) < ($1.startTime?.microseconds ?? 0, $1.id)
        }
    }

    /// Tool observations by id.
    var tools: [ObservationRecord] {
        observations.values.filter { $0.kind == .tool }.sorted { $0.id < $1.id }
    }

    /// Equal when the merged rows are; how many updates led there does not matter.
    static func == (lhs: MergedRecords, rhs: MergedRecords) -> Bool {
        lhs.traces == rhs.traces && lhs.observations == rhs.observations && lhs.sessions == rhs.sessions
    }
}
