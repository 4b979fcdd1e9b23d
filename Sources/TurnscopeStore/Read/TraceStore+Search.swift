import Foundation
import GRDB
import TurnscopeModel

extension TraceStore {
    /// Full-text search over message text, tool arguments and tool results, newest content first.
    ///
    /// Each distinct piece of content is indexed once, so a hit names the turn that first sent it:
    /// the turn where that text was new.
    public func search(_ text: String, after cursor: PageCursor? = nil, limit: Int = 50) throws(StoreError)
        -> Page<SearchHit>
    {
        let query = SearchQuery(text)
        guard let match = query.match, let prefixMatch = query.prefixMatch else { return Page(items: [], next: nil) }
        return try read { db in
            let upper = cursor?.id ?? Int64.max
            let find = "SELECT rowid FROM blob_text WHERE blob_text MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?"
            // The first page decides between exact and prefix matching; the cursor carries the choice
            // (its key) so that later pages continue the same list.
            var usesPrefix = cursor?.key == 1
            var ids = try Int64.fetchAll(db, sql: find, arguments: [usesPrefix ? prefixMatch : match, upper, limit])
            if cursor == nil, ids.count < limit {
                usesPrefix = true
                ids = try Int64.fetchAll(db, sql: find, arguments: [prefixMatch, upper, limit])
            }
            guard !ids.isEmpty else { return Page(items: [], next: nil) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT b.id, b.kind, b.body, o.key, o.kind, o.name, o.start_at, t.key, s.key, t.start_at
                    FROM blobs b
                    LEFT JOIN observations o ON o.id = b.first_observation_id
                    LEFT JOIN traces t ON t.id = coalesce(o.trace_id, b.first_trace_id)
                    LEFT JOIN sessions s ON s.id = t.session_id
                    WHERE b.id IN (\(ids.map(String.init).joined(separator: ",")))
                    ORDER BY b.id DESC
                    """)
            let items = rows.map { row -> SearchHit in
                let blob = BlobBody.decode(kind: row[1], body: row[2])
                let value = blob.flatMap { try? JSONText.parse($0.bytes) } ?? .null
                let message = blob?.kind == .message ? try? Message(json: value, path: "") : nil
                let text = message?.searchableText ?? BlobWriter.searchableText(of: value)
                let start: Int64? = row[6] ?? row[9]
                return SearchHit(
                    snippet: query.snippet(of: text), role: message?.role, observationId: StoredKey.key(row[3]),
                    observationKind: (row[4] as String?).flatMap(ObservationKind.init(rawValue:)),
                    observationName: row[5], traceId: row[7], sessionId: row[8],
                    time: start.map(Timestamp.init(microseconds:)))
            }
            let next = rows.count == limit ? rows.last.map { PageCursor(key: usesPrefix ? 1 : 0, id: $0[0]) } : nil
            return Page(items: items, next: next)
        }
    }
}
