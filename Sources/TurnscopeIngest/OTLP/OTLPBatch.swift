import TurnscopeModel

/// What one OTLP export (traces or logs) decodes to: the records to store, and the spans or log
/// records that were refused.
///
/// OTLP has partial success: a receiver keeps what it can and tells the exporter how many spans it
/// dropped and why (`ExportTracePartialSuccess`), and the exporter does not retry. The collector
/// builds that answer from `rejected` and `rejectionMessage`.
public struct OTLPBatch: Sendable, Hashable {
    /// An observation per accepted span, plus a trace record for each root span and each span that
    /// carries trace-level attributes (user, session, tags, …). Nothing is deduplicated: the store
    /// merges records by id, the way Langfuse's server does.
    public var records: [Record]
    /// How many spans or log records were dropped because their ids were missing or malformed.
    public var rejected: Int
    /// Why, for the exporter's log (the first few reasons); nil when nothing was rejected.
    public var rejectionMessage: String?

    /// A batch of records and rejections.
    public init(records: [Record], rejected: Int = 0, rejectionMessage: String? = nil) {
        self.records = records
        self.rejected = rejected
        self.rejectionMessage = rejectionMessage
    }

    /// The observations among the records, in span order.
    public var observations: [ObservationRecord] {
        records.compactMap { if case .observation(let observation) = $0 { observation } else { nil } }
    }

    /// The trace records among the records, in span order.
    public var traces: [TraceRecord] {
        records.compactMap { if case .trace(let trace) = $0 { trace } else { nil } }
    }
}
