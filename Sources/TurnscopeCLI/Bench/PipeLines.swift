import Foundation
import Synchronization

/// The lines a child process writes to a pipe, read on a thread of their own so that waiting for
/// the next one can time out: a child that hangs must fail the benchmark, not hang it.
final class PipeLines: Sendable {
    /// What waiting for a line found.
    enum Next: Equatable {
        case line(String)
        /// The writer closed the pipe (it exited) with no line left to read.
        case ended
        case timedOut
    }

    private struct State {
        var lines: [String] = []
        var ended = false
    }

    private let state = Mutex(State())
    /// Signalled once per line and once at the end, so a waiter wakes for each.
    private let arrived = DispatchSemaphore(value: 0)

    /// Starts reading `handle` until its end.
    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            // read(2) itself: FileHandle's `availableData` traps on a read error and its
            // `read(upToCount:)` waits for the whole count. An error ends the lines as the end does.
            while true {
                let count = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: chunk[..<count])
                while let newline = pending.firstIndex(of: 0x0A) {
                    add(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
            }
            // A last line without its newline still counts.
            if !pending.isEmpty { add(String(decoding: pending, as: UTF8.self)) }
            state.withLock { $0.ended = true }
            arrived.signal()
        }
        thread.start()
    }

    private func add(_ line: String) {
        state.withLock { $0.lines.append(line) }
        arrived.signal()
    }

    /// The next line, waiting at most `timeout` seconds for it. Blocks the calling thread.
    func next(timeout: Double) -> Next {
        let deadline = DispatchTime.now() + timeout
        while true {
            let taken: Next? = state.withLock { state in
                if !state.lines.isEmpty { return .line(state.lines.removeFirst()) }
                return state.ended ? .ended : nil
            }
            if let taken { return taken }
            // A signal left over from a line already taken only sends the loop round again.
            if arrived.wait(timeout: deadline) == .timedOut { return .timedOut }
        }
    }

    /// `next(timeout:)` without holding a thread of Swift's cooperative pool while it waits.
    func nextLine(timeout: Double) async -> Next {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.next(timeout: timeout)) }
        }
    }
}
