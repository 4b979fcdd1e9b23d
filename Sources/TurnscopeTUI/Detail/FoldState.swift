/// Which folds of a turn's document are open.
///
/// Every fold (the repeated history, a system prompt, long reasoning, a capped value) starts
/// closed, so a turn opens short whatever its size; `e` flips the default to open, and Enter flips
/// one fold against whichever default is in force.
struct FoldState: Sendable, Hashable {
    /// Folds toggled away from the default.
    private(set) var toggled: Set<String> = []
    /// Whether `e` made open the default.
    private(set) var expandsAll = false

    /// Whether the fold `id` is open.
    func isOpen(_ id: String) -> Bool { expandsAll != toggled.contains(id) }

    /// Opens a closed fold or closes an open one.
    mutating func toggle(_ id: String) {
        if toggled.contains(id) { toggled.remove(id) } else { toggled.insert(id) }
    }

    /// Opens a fold (a search match hides behind it).
    mutating func open(_ id: String) {
        if !isOpen(id) { toggle(id) }
    }

    /// `e`: everything open, or everything back to closed.
    mutating func toggleAll() {
        expandsAll.toggle()
        toggled = []
    }
}
