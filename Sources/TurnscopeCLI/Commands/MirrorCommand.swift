import ArgumentParser

/// `turnscope mirror`: the Langfuse mirror's outbox, looked at and managed from the command line.
struct MirrorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirror",
        abstract: "Show and manage what is forwarded to Langfuse.",
        discussion: """
            The mirror runs inside `turnscope serve` and the browser when LANGFUSE_HOST (or \
            LANGFUSE_BASE_URL), LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY are all set. Records \
            written while it runs are queued in the database's outbox and sent in the background; \
            these commands read and change that outbox.
            """,
        subcommands: [MirrorStatusCommand.self, MirrorRetryCommand.self, MirrorBackfillCommand.self],
        defaultSubcommand: MirrorStatusCommand.self)
}
