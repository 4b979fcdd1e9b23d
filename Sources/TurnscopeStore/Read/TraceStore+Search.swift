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
        guard let match = query.match else { return Page(items: [], next: nil) }
        return try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    WITH hits AS (
                        SELECT rowid AS id FROM blob_text WHERE blob_text MATCH ? AND rowid < ?
                        ORDER BY rowid DESC LIMIT ?)
                    SELECT b.id, b.kind, b.body, o.key, o.kind, o.name, o.start_at, t.key, s.key, t.start_at
                    FROM hits JOIN blobs b ON b.id = hits.id
                    LEFT JOIN observations o ON o.id = b.first_observation_id
                    LEFT JOIN traces t ON t.id = coalesce(o.trace_id, b.first_trace_id)
                    LEFT JOIN sessions s ON s.id = t.session_id
                    ORDER BY b.id DESC
                    """, arguments: [match, cursor?.id ?? Int64.max, limit])
            let items = rows.map { row -> SearchHit in
                let blob = BlobBody.decode(kind: row[1], body: row[2])
                let value = blob.flatMap { try? JSONText.parse($0.bytes) } ?? .null
                let message = blob?.kind == .message ? try? Message(json: value, path: "") : nil
                let text = message?.searchableText ?? BlobWriter.searchableText(of: value)
                let start: Int64? = row[6] ?? row[9]
                return SearchHit(
                    snippet: query.snippet(of: text), role: message?.role, observationId: row[3],
                    observationKind: (row[4] as String?).flatMap(ObservationKind.init(rawValue:)),
                    observationName: row[5], traceId: row[7], sessionId: row[8],
                    time: start.map(Timestamp.init(microseconds:)))
            }
            let next = rows.count == limit ? rows.last.map { PageCursor(key: $0[0], id: $0[0]) } : nil
            return Page(items: items, next: next)
        }
    }
}
