import ArgumentParser
import Foundation
import TurnscopeStore

/// `turnscope view`: the browser without a collector, following what other processes commit.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Browse a database in the terminal without collecting.",
        discussion: """
            New records that another process commits (`turnscope serve`, `turnscope import`) \
            appear as they land. Press ? for the keys, q to go back or quit.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var browse: BrowseOptions

    func run() async throws {
        let database = try store.openForReading()
        try await TerminalSession.browse(
            database, options: browse.terminalOptions(collectorStatus: nil, mirror: .fromDatabase))
    }
}
