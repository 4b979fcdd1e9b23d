/// One trace's records the mirror should forward, as the store holds them (merged).
public struct OutgoingTrace: Sendable, Hashable {
    /// The merged trace row.
    public var trace: TraceRecord
    /// Whether the trace row itself changed since the last send, so its trace-level fields
    /// (name, input and output, metadata, tags, public) go along.
    public var includesTraceFields: Bool
    /// The observations to send: those that changed since the last send. `cost` is the reported
    /// cost, else the one Turnscope priced.
    public var observations: [ObservationRecord]
    /// The store's change sequence this version was read at. Resending the same revision produces
    /// the same upstream ids, so a retry merges into the record it retries.
    public var revision: Int64

    public init(trace: TraceRecord, includesTraceFields: Bool, observations: [ObservationRecord], revision: Int64) {
        self.trace = trace
        self.includesTraceFields = includesTraceFields
        self.observations = observations
        self.revision = revision
    }
}
