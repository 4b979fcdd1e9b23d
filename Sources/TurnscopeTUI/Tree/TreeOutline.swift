import TurnscopeModel

/// One visible row of a trace tree: the observation, the guide lines before it, and its fold state.
struct TreeRow: Sendable, Hashable, Identifiable {
    var node: ObservationNode
    /// The guides drawn before the node, e.g. `│ └─`: two columns per level, so a child's
    /// connector sits under its parent's fold marker.
    var guides: String
    /// How many observations sit directly under it.
    var childCount: Int
    /// Whether its subtree is folded away.
    var isFolded: Bool

    var id: String { node.id }
}

/// Lays out a trace's observations (depth-first, each with its depth) as indented rows with
/// `├─ └─ │` guides, leaving out the subtrees of folded nodes.
///
/// One pass backwards finds which nodes are the last of their siblings, one pass forwards draws
/// the guides: O(n) for any trace, however deep.
enum TreeOutline {
    static func rows(of nodes: [ObservationNode], folded: Set<String>) -> [TreeRow] {
        let isLast = lastSiblingFlags(nodes)
        let childCounts = directChildCounts(nodes)
        var rows: [TreeRow] = []
        rows.reserveCapacity(nodes.count)
        // For each depth on the current path, whether that ancestor was the last of its siblings.
        var ancestorsLast: [Bool] = []
        var hiddenBelowDepth: Int?
        for (index, node) in nodes.enumerated() {
            let depth = max(0, node.depth)
            if let hidden = hiddenBelowDepth {
                if depth > hidden { continue }
                hiddenBelowDepth = nil
            }
            if ancestorsLast.count > depth { ancestorsLast.removeSubrange(depth...) }
            while ancestorsLast.count < depth { ancestorsLast.append(true) }
            var guides = ""
            if depth > 0 {
                for level in 1..<depth { guides += ancestorsLast[level] ? "  " : "│ " }
                guides += isLast[index] ? "└─" : "├─"
            }
            ancestorsLast.append(isLast[index])
            let isFolded = folded.contains(node.id) && childCounts[index] > 0
            if isFolded { hiddenBelowDepth = depth }
            rows.append(TreeRow(node: node, guides: guides, childCount: childCounts[index], isFolded: isFolded))
        }
        return rows
    }

    /// For each node, whether no later sibling follows it.
    private static func lastSiblingFlags(_ nodes: [ObservationNode]) -> [Bool] {
        var flags = Array(repeating: true, count: nodes.count)
        // Walking backwards, `pending[d]` says a node of depth d was met since the last shallower node.
        var pending: [Bool] = []
        for index in nodes.indices.reversed() {
            let depth = max(0, nodes[index].depth)
            while pending.count <= depth { pending.append(false) }
            flags[index] = !pending[depth]
            pending[depth] = true
            for deeper in (depth + 1)..<pending.count { pending[deeper] = false }
        }
        return flags
    }

    /// For each node, how many of the following nodes are its direct children.
    private static func directChildCounts(_ nodes: [ObservationNode]) -> [Int] {
        var counts = Array(repeating: 0, count: nodes.count)
        var path: [Int] = []  // indices of the ancestors of the current node, by depth
        for (index, node) in nodes.enumerated() {
            let depth = max(0, node.depth)
            if path.count > depth { path.removeSubrange(depth...) }
            if depth > 0, depth - 1 < path.count { counts[path[depth - 1]] += 1 }
            while path.count < depth { path.append(index) }
            path.append(index)
        }
        return counts
    }
}
