/// One observation in a trace's tree, with its depth for indentation and its time span for a
/// waterfall bar.
public struct ObservationNode: Sendable, Hashable, Identifiable {
    /// The observation id.
    public var id: String
    /// The parent's id, nil at the root.
    public var parentId: String?
    /// 0 at the root.
    public var depth: Int
    public var kind: ObservationKind
    public var name: String?
    public var model: String?
    public var startTime: Timestamp?
    public var endTime: Timestamp?
    public var level: Level?
    public var usage: Usage?
    public var cost: Double?

    public init(
        id: String, parentId: String?, depth: Int, kind: ObservationKind, name: String?, model: String?,
        startTime: Timestamp?, endTime: Timestamp?, level: Level?, usage: Usage?, cost: Double?
    ) {
        self.id = id
        self.parentId = parentId
        self.depth = depth
        self.kind = kind
        self.name = name
        self.model = model
        self.startTime = startTime
        self.endTime = endTime
        self.level = level
        self.usage = usage
        self.cost = cost
    }
}
