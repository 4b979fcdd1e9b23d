import TurnscopeModel

/// What one `POST /api/public/ingestion` body holds, event by event: the records to store, the
/// ids of the events accepted, and the events refused with the reason.
///
/// The collector answers 207 with `successes` (status 201 each) and `errors`, the way Langfuse's
/// server does. Python SDK v2 and JS SDK v3 resend the *whole* batch when `errors` is not empty,
/// so an event is refused only when Langfuse itself would refuse it (CONTRACT.md P1).
public struct LangfuseBatch: Sendable, Hashable {
    /// The records decoded from the accepted events, creates before updates and each group in
    /// envelope-timestamp order, as Langfuse's server processes them.
    public var records: [Record]
    /// The envelope ids of the accepted events, in batch order. This includes events that yield
    /// no record: `sdk-log`, and events whose body has no `id` (Langfuse acknowledges and drops them).
    public var successes: [String]
    /// The refused events, in batch order.
    public var errors: [LangfuseEventError]

    /// A batch result.
    public init(records: [Record] = [], successes: [String] = [], errors: [LangfuseEventError] = []) {
        self.records = records
        self.successes = successes
        self.errors = errors
    }
}
