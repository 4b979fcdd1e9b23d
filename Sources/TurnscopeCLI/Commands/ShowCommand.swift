import ArgumentParser
import Foundation
import TurnscopeModel
import TurnscopeStore

/// `turnscope show SESSION`: the turns of one session.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the turns of a session: time, model, latency, tokens, cost, tool calls, status.")

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The session id (see `turnscope sessions`).", valueName: "session"))
    var session: String

    @Option(help: "How many turns to show, from the first.")
    var limit = 500

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let database = try store.openForReading()
        guard let summary = try database.session(id: session) else {
            throw CommandError("no session \(session) in \(database.path) (see `turnscope sessions`)")
        }
        let turns = try database.turns(inSession: session, limit: limit).items
        if json {
            print(JSONValue.array(turns.map(\.json)).jsonString)
            return
        }
        let label = TerminalText.sanitize(summary.label ?? "")
        print("session \(TerminalText.sanitize(summary.id))  \(TerminalText.truncate(label, to: 60))")
        print(
            "user \(TerminalText.sanitize(summary.userId ?? "-"))  turns \(summary.turnCount)  "
                + "tokens in \(Format.tokens(summary.usage.promptTokens)) out \(Format.tokens(summary.usage.output))  "
                + "cache hits \(Format.percent(summary.cacheHitRatio))  cost \(Format.cost(total: summary.cost, unpriced: summary.unpricedTurns, of: summary.turnCount))  "
                + "errors \(summary.errorCount)")
        print("")
        var table = Table([
            .right("#"), .left("TIME"), .left("MODEL", max: 28), .right("LATENCY"), .right("TTFT"), .right("IN"),
            .right("CACHE R"), .right("CACHE W"), .right("OUT"), .right("COST"), .right("TOOLS"),
            .left("STATUS", max: 50),
        ])
        for turn in turns {
            let usage = turn.usage ?? Usage()
            table.add([
                String(turn.number), Format.time(turn.startTime), turn.model ?? "-", Format.duration(turn.latency),
                Format.duration(turn.timeToFirstToken), Format.tokens(usage.input), Format.tokens(usage.cacheRead),
                Format.tokens(usage.cacheWrite), Format.tokens(usage.output),
                Format.cost(of: turn),
                turn.toolCallCount > 0 ? String(turn.toolCallCount) : "-",
                turn.isError ? "ERROR " + (turn.statusMessage ?? "") : (turn.level == .warning ? "WARNING" : "ok"),
            ])
        }
        print(table.render())
        print("\ncost: computed from the bundled price table; * = reported by the client; ? = unknown model")
    }
}

extension TurnSummary {
    /// The machine-readable form printed by `show --json`.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "traceId": .string(traceId), "number": .integer(Int64(number)),
            "toolCalls": .integer(Int64(toolCallCount)), "costSource": .string(costSource.label),
        ]
        if let name { object["name"] = .string(name) }
        if let model { object["model"] = .string(model) }
        if let startTime { object["startTime"] = .string(startTime.iso8601) }
        if let latency { object["latencySeconds"] = .number(latency) }
        if let timeToFirstToken { object["timeToFirstTokenSeconds"] = .number(timeToFirstToken) }
        if let usage { object["usage"] = usage.json }
        if let cost { object["costUSD"] = .number(cost) }
        if let level { object["level"] = .string(level.rawValue) }
        if let statusMessage { object["statusMessage"] = .string(statusMessage) }
        return .object(object)
    }
}
