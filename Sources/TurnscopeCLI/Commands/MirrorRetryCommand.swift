import ArgumentParser
import TurnscopeStore

/// `turnscope mirror retry`: queues the records the server refused again.
struct MirrorRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Queue the records Langfuse refused again (after fixing the cause).")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let count = try store.openForWriting().retryParkedMirror()
        print("turnscope: \(count) refused record\(count == 1 ? "" : "s") queued again; the running mirror sends \(count == 1 ? "it" : "them")")
    }
}
