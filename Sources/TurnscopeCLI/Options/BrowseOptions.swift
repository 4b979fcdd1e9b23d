import ArgumentParser
import Foundation
import TurnscopeTUI

/// The options every command that opens the terminal browser shares.
struct BrowseOptions: ParsableArguments {
    @Flag(help: "Leave the mouse to the terminal (its own text selection); keys do everything anyway.")
    var noMouse = false

    @Flag(help: "Draw without colour, with bold, dim and reverse only (also when NO_COLOR is set or TERM=dumb).")
    var noColor = false

    @Option(help: ArgumentHelp("How often to look for new records, in milliseconds.", valueName: "ms"))
    var refreshMs = 100

    func validate() throws {
        guard (10...10_000).contains(refreshMs) else { throw ValidationError("--refresh-ms takes 10 to 10000") }
    }

    /// The terminal settings these options select, with the header's collector and mirror status
    /// and a message for the footer when the browser opens.
    func terminalOptions(
        collectorStatus: String?, mirror: MirrorDisplay? = nil, openingMessage: String? = nil
    ) -> TerminalOptions {
        let theme = noColor ? Theme(usesColor: false) : Theme.from(environment: ProcessInfo.processInfo.environment)
        return TerminalOptions(
            theme: theme, mouse: !noMouse, refreshMilliseconds: refreshMs, collectorStatus: collectorStatus,
            mirror: mirror, openingMessage: openingMessage)
    }
}
