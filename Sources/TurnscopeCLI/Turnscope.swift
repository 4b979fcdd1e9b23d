import ArgumentParser

/// The `turnscope` command: every subcommand hangs off it.
public struct Turnscope: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "turnscope",
        abstract: "See every LLM turn of your agents, locally.",
        discussion: """
            Turnscope keeps LLM traces (prompts, tool calls and results, completions, tokens, cost) in \
            one SQLite file and lets you browse them from the terminal.

            Start with the sample data:
              turnscope import sample-data/*.jsonl
              turnscope sessions
              turnscope show sess-refactor-auth

            The database is $TURNSCOPE_DB, else $XDG_DATA_HOME/turnscope/turnscope.db, else
            ~/.local/share/turnscope/turnscope.db; every command takes --db to choose another.
            """,
        subcommands: [
            ImportCommand.self, ExportCommand.self, SessionsCommand.self, ShowCommand.self, StatsCommand.self,
            PricesCommand.self, BenchCommand.self,
        ])

    public init() {}
}
