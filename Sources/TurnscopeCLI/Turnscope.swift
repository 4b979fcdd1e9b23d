import ArgumentParser
import TurnscopeCollector

/// The `turnscope` command: every subcommand hangs off it.
@available(macOS 10.15, *)
public struct Turnscope: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "turnscope",
        abstract: "See every LLM turn of your agents, locally.",
        discussion: """
            Turnscope keeps LLM traces (prompts, tool calls and results, completions, tokens, cost) in \
            one SQLite file and lets you browse them from the terminal.

            With no subcommand, opens the terminal browser on the database and collects meanwhile.

            Start with the sample data:
              turnscope demo       # the browser on a temporary copy of sample-data/
              turnscope import sample-data/*.jsonl
              turnscope sessions
              turnscope show sess-refactor-auth

            Collect from your own applications:
              turnscope serve      # then LANGFUSE_HOST=http://127.0.0.1:4318 python my_agent.py

            The database is $TURNSCOPE_DB, else $XDG_DATA_HOME/turnscope/turnscope.db, else
            ~/.local/share/turnscope/turnscope.db; every command takes --db to choose another.
            """,
        version: TurnscopeVersion.current,
        subcommands: [
            BrowseCommand.self, ViewCommand.self, DemoCommand.self,
            ServeCommand.self, ImportCommand.self, ExportCommand.self, SessionsCommand.self, ShowCommand.self, StatsCommand.self,
            PricesCommand.self, MirrorCommand.self, BenchCommand.self, BenchCollectorCommand.self,
        ],
        defaultSubcommand: BrowseCommand.self)

    public init() {}
}
