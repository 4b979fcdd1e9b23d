import GRDB

/// Where each session a transaction touches comes from (`sessions.source`), read once per
/// transaction.
///
/// Matching a model call to its twin asks it for every LLM call an application sends (only an
/// agent's session can hold a call twice), and an export of 512 spans asks it 512 times about one
/// session: a primary-key read each, about 3% of the collector's CPU under `bench ingest`.
struct SessionSources {
    private var known: [Int64: String?] = [:]

    /// The session's source, nil when it has none.
    mutating func source(of session: Int64, in db: Database) throws -> String? {
        if let source = known[session] { return source }
        let source = try String.fetchOne(
            db.cachedStatement(sql: "SELECT source FROM sessions WHERE id = ?"), arguments: [session])
        // `.some`: a session without a source is remembered too (assigning nil would remove it).
        known[session] = .some(source)
        return source
    }

    /// Forgets what was read of a session whose source the transaction is changing.
    mutating func forget(_ session: Int64) {
        known[session] = nil
    }
}
