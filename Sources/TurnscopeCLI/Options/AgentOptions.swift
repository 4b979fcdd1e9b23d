import ArgumentParser
import Foundation
import TurnscopeAgents
import TurnscopeStore

/// Where the coding agents' transcripts are, and whether `serve` and the browser follow them.
struct AgentOptions: ParsableArguments {
    @Flag(help: "Do not follow Claude Code and Codex transcripts.")
    var noAgents = false

    @OptionGroup var location: AgentFolderOptions

    /// A follower started on `store`, or nil with `--no-agents`, and the header's word about it.
    /// Skipped lines and failed writes go to `report` (standard error for `serve`; the browser,
    /// which owns the terminal, keeps them out of its screen).
    func startFollowing(_ store: TraceStore, report: @escaping AgentFollower.Report) -> (AgentFollower?, String) {
        if noAgents { return (nil, "agents off") }
        let follower = AgentFollower(store: store, folders: location.folders, report: report)
        follower.start()
        return (follower, "agents on")
    }
}
