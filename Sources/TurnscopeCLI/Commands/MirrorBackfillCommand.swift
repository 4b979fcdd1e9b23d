import ArgumentParser
import TurnscopeModel
import TurnscopeStore

/// `turnscope mirror backfill`: queues records written while the mirror was off, on request only.
struct MirrorBackfillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Queue records written while the mirror was off (all, one session's, or those since a time).",
        discussion: """
            Records written while the mirror was off are never sent by surprise: this queues them, \
            and the next `turnscope serve` or browser with the mirror on sends them.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only this session's traces and scores.", valueName: "id"))
    var session: String?

    @Option(help: ArgumentHelp("Only traces that started at or after this ISO-8601 time or date.", valueName: "time"))
    var since: String?

    func run() throws {
        let count = try store.openForWriting().backfillMirror(session: session, since: try SinceArgument.parse(since))
        print("turnscope: queued \(count) traces and scores for the mirror")
    }
}
