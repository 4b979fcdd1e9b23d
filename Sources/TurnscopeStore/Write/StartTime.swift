import TurnscopeModel

/// The start-time rule shared by traces and observations: the first start a record reports is
/// kept for good; until one does, the event time (else the time of writing) stands in, so an
/// update that arrives before its create still sorts somewhere sensible.
protocol HasStartTime {
    var startAt: Int64? { get set }
    var startEstimated: Bool { get set }
}

extension HasStartTime {
    mutating func settle(start reported: Timestamp?, eventTime: Timestamp?, now: Int64) {
        if let reported, startAt == nil || startEstimated {
            startAt = reported.microseconds
            startEstimated = false
        } else if startAt == nil {
            startAt = eventTime?.microseconds ?? now
            startEstimated = true
        }
    }
}

extension TraceRow: HasStartTime {}
extension ObservationRow: HasStartTime {}
