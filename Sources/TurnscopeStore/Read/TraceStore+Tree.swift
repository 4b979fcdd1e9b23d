import GRDB
import TurnscopeModel

extension TraceStore {
    /// A trace's observations as a tree in depth-first order, children by start time.
    ///
    /// A trace is one request of an application, so its observations are read whole; an
    /// observation whose parent is missing is shown at the root rather than hidden.
    public func observationTree(traceId: String) throws(StoreError) -> [ObservationNode] {
        try read { db in
            guard let trace = try Int64.fetchOne(db, sql: "SELECT id FROM traces WHERE key = ?", arguments: [traceId])
            else { throw StoreError("no trace \(traceId)") }
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(ObservationRow.columns) FROM observations WHERE trace_id = ? ORDER BY start_at, id",
                arguments: [trace]
            ).map(ObservationRow.init(row:))
            let keys = Set(rows.map(\.key))
            var children: [String: [ObservationRow]] = [:]
            var roots: [ObservationRow] = []
            for row in rows {
                if let parent = row.parentKey, parent != row.key, keys.contains(parent) {
                    children[parent, default: []].append(row)
                } else {
                    roots.append(row)
                }
            }
            var nodes: [ObservationNode] = []
            var visited: Set<String> = []
            func visit(_ row: ObservationRow, depth: Int) {
                guard visited.insert(row.key).inserted else { return }  // a parent cycle is cut, not followed
                nodes.append(row.node(depth: depth))
                for child in children[row.key] ?? [] { visit(child, depth: depth + 1) }
            }
            roots.forEach { visit($0, depth: 0) }
            for row in rows where !visited.contains(row.key) { visit(row, depth: 0) }
            return nodes
        }
    }
}
