/// How two reports of the same record combine, following Langfuse's server: the newer report's
/// non-null values win, metadata objects are deep-merged, tags are unioned, and a few identity
/// fields (start time, trace id, kind) keep the first value ever written.
///
/// "Newer" is decided by the records' `eventTime` when both carry one, else by arrival order, so an
/// update that arrives before its create still wins over it.
public struct MergePolicy: Sendable {
    /// Whether the incoming record's values take precedence over the stored ones.
    public let incomingWins: Bool

    /// The policy for an incoming record with `incoming` event time against a stored `stored` one.
    public init(stored: Timestamp?, incoming: Timestamp?) {
        if let stored, let incoming {
            incomingWins = incoming >= stored
        } else {
            incomingWins = true
        }
    }

    /// A policy that decides by source rather than time: the store's proxy records win over
    /// other captures of the same call (`incomingWins` true when the incoming record is the proxy's).
    public init(incomingWins: Bool) {
        self.incomingWins = incomingWins
    }

    /// The value that survives for an ordinary field. Inlinable so that the store's merge, which
    /// calls it for every column of every record, gets a copy specialized to each column's type.
    @inlinable
    public func pick<Value>(_ stored: Value?, _ incoming: Value?) -> Value? {
        incomingWins ? (incoming ?? stored) : (stored ?? incoming)
    }

    /// The value that survives for a field fixed at first write.
    @inlinable
    public func first<Value>(_ stored: Value?, _ incoming: Value?) -> Value? {
        stored ?? incoming
    }

    /// Tags: the sorted union.
    public func tags(_ stored: [String]?, _ incoming: [String]?) -> [String]? {
        guard let incoming else { return stored }
        guard let stored else { return Array(Set(incoming)).sorted() }
        return Array(Set(stored).union(incoming)).sorted()
    }

    /// Metadata: objects are merged member by member, recursively; anything else is picked whole.
    public func metadata(_ stored: JSONValue?, _ incoming: JSONValue?) -> JSONValue? {
        guard case .object(let old)? = stored, case .object(let new)? = incoming else {
            return pick(stored, incoming)
        }
        var merged = old
        for (key, value) in new {
            merged[key] = metadata(old[key], value)
        }
        return .object(merged)
    }
}
