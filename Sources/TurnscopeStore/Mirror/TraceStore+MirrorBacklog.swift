import GRDB
import TurnscopeModel

extension TraceStore {
    /// The oldest pending outbox entries with the records they forward, read from one snapshot:
    /// entries are taken until about `records` observations are gathered (at least one entry).
    ///
    /// A trace entry carries the observations changed since its last delivery, and the trace's own
    /// fields when the trace row changed; when only the trace changed, its first root observation
    /// goes along to carry them, since Langfuse's OTLP endpoint makes traces only from spans.
    ///
    /// - Parameter after: read only entries past this one (in outbox order), so the next batch can
    ///   be read while the previous one is on the wire.
    public func mirrorBacklog(records limit: Int, after: MirrorEntry? = nil) throws(StoreError) -> [MirrorItem] {
        // Consecutive rounds send the same sessions' histories: their messages are decoded once.
        var memo = mirrorBlobs.withLock { memo in
            defer { memo = BlobReader.Memo() }
            return memo
        }
        if memo.count > Self.mirrorMemoLimit { memo = BlobReader.Memo() }
        defer { mirrorBlobs.withLock { $0 = memo } }
        return try read { db in
            // Outbox order is (queued_seq, kind, row_id): the partial index on queued_seq carries
            // the primary key, so this is a walk of the index either way.
            let entries = try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, row_id, queued_seq, sent_seq FROM mirror_outbox
                    WHERE state = 0 AND (queued_seq, kind, row_id) > (?, ?, ?) ORDER BY queued_seq, kind, row_id LIMIT ?
                    """,
                arguments: [after?.revision ?? -1, after?.kind.rawValue ?? -1, after?.row ?? -1, max(1, limit)])
            var blobs = BlobReader(db: db, memo: memo)
            defer { memo = blobs.memo }
            var items: [MirrorItem] = []
            var gathered = 0
            for entry in entries where gathered < limit {
                let kind = MirrorEntry.Kind(rawValue: entry[0]) ?? .trace
                let mirrorEntry = MirrorEntry(kind: kind, row: entry[1], revision: entry[2])
                let sentSeq: Int64 = entry[3] ?? -1
                let item: MirrorItem?
                switch kind {
                case .trace: item = try Self.outgoingTrace(db, mirrorEntry, after: sentSeq, blobs: &blobs, pricing: pricing)
                case .score: item = try Self.outgoingScore(db, mirrorEntry)
                }
                let found = item ?? MirrorItem(entry: mirrorEntry, payload: .gone)
                gathered += found.recordCount
                items.append(found)
            }
            return items
        }
    }

    /// Decoded blobs kept between rounds, at most: about 50 MB of typical messages.
    static let mirrorMemoLimit = 20_000

    private static func outgoingTrace(
        _ db: Database, _ entry: MirrorEntry, after sentSeq: Int64, blobs: inout BlobReader, pricing: PriceTable
    ) throws -> MirrorItem? {
        // Cached statements: compiling these three for every trace of every round cost more than
        // running them (GRDB's authorizer visits each column at compile time).
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(TraceRow.columns), change_seq FROM traces WHERE id = ?"),
                arguments: [entry.row])
        else { return nil }
        let trace = TraceRow(row: row)
        let traceChanged = (row[17] as Int64) > sentSeq
        var rows = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT \(ObservationRow.columns) FROM observations WHERE trace_id = ? AND change_seq > ? ORDER BY start_at, id"),
            arguments: [entry.row, sentSeq])
        if rows.isEmpty, traceChanged {
            rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(ObservationRow.columns) FROM observations WHERE trace_id = ?
                        ORDER BY parent_key IS NOT NULL, start_at, id LIMIT 1
                        """), arguments: [entry.row])
        }
        let observations = try rows.map { row in
            let observation = ObservationRow(row: row)
            var record = try observation.record(traceKey: trace.key, blobs: &blobs)
            if record.cost == nil, let priced = observation.costUSD {
                record.cost = Cost(total: priced, parts: observation.costParts(pricing: pricing))
            }
            return record
        }
        let outgoing = OutgoingTrace(
            trace: try trace.record(blobs: &blobs), includesTraceFields: traceChanged, observations: observations,
            revision: entry.revision)
        return MirrorItem(entry: entry, payload: .trace(outgoing))
    }

    private static func outgoingScore(_ db: Database, _ entry: MirrorEntry) throws -> MirrorItem? {
        guard let score = try scores(db, where: "id = ?", [String(entry.row)]).first else { return nil }
        return MirrorItem(entry: entry, payload: .score(OutgoingScore(score: score, revision: entry.revision)))
    }
}
