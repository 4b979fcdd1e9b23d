import Foundation
import TurnscopeCollector
import TurnscopeStore
import TurnscopeTUI

/// Runs the terminal browser on a thread of its own and waits for it without blocking Swift's
/// concurrency pool.
///
/// The browser's loop is synchronous (ncurses blocks in its reads) while the embedded collector
/// runs on Swift concurrency; giving the loop a dedicated thread keeps the pool free for
/// Hummingbird, and the continuation hands the outcome back to the async command.
enum TerminalSession {
    /// Browses `store`, then stops `collector` (whether the browser ended well or not).
    static func browse(_ store: TraceStore, options: TerminalOptions, thenStop collector: RunningCollector?) async throws {
        do {
            try await browse(store, options: options)
        } catch {
            await collector?.stop()
            throw error
        }
        await collector?.stop()
    }

    static func browse(_ store: TraceStore, options: TerminalOptions) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do throws(TerminalError) {
                    try TerminalRunner.browse(store: store, options: options)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: CommandError(error.description))
                }
            }
            thread.name = "turnscope-browser"
            // Deep screens (JSON trees) recurse; the default secondary-thread stack is small.
            thread.stackSize = 16 << 20
            thread.start()
        }
    }
}
