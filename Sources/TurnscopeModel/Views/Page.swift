/// One page of a list, and where the next page starts.
///
/// Lists are paged by keyset: a cursor names the last row seen, so a page costs the same however
/// deep it is, and rows inserted meanwhile never shift a page.
public struct Page<Item: Sendable>: Sendable {
    /// The rows of this page, in list order.
    public var items: [Item]
    /// The cursor for the next page; nil at the end.
    public var next: PageCursor?

    public init(items: [Item], next: PageCursor?) {
        self.items = items
        self.next = next
    }
}

/// A position in a keyset-paged list: the sort value and row id of the last row seen.
public struct PageCursor: Sendable, Hashable {
    /// The sort key of the last row (a time in microseconds, or a blob id for search).
    public var key: Int64
    /// The row id of the last row, breaking ties.
    public var id: Int64

    public init(key: Int64, id: Int64) {
        self.key = key
        self.id = id
    }
}
