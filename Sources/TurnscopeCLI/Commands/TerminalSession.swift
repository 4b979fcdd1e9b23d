import Foundation
import TurnscopeStore
import TurnscopeTUI

/// Runs the terminal browser on a thread of its own and waits for it without blocking Swift's
/// concurrency pool.
///
/// The browser's loop is synchronous (ncurses blocks in its reads) while the embedded collector
/// runs on Swift concurrency; giving the loop a dedicated thread keeps the pool free for
/// Hummingbird, and the continuation hands the outcome back to the async command.
enum TerminalSession {
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
