import Dispatch
import Synchronization

/// A small bounded queue between the thread that reads and decodes transcripts and the one that
/// writes them: decoding the next chunk overlaps the commit of the last, and the bound keeps at
/// most a few chunks of records in memory.
final class ChunkQueue<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    init(capacity: Int) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Adds an item, waiting while the queue is full.
    func put(_ item: Item) {
        free.wait()
        items.withLock { $0.append(item) }
        filled.signal()
    }

    /// Takes the oldest item, waiting while the queue is empty.
    func take() -> Item {
        filled.wait()
        let item = items.withLock { $0.removeFirst() }
        free.signal()
        return item
    }
}
