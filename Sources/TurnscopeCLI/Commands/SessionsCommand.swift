import ArgumentParser
import Foundation
import TurnscopeModel
import TurnscopeStore

/// `turnscope sessions`: the sessions table, newest activity first.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List sessions by last activity, with turns, tokens, cost and errors.")

    @OptionGroup var store: StoreOptions

    @Option(help: "How many sessions to list.")
    var limit = 30

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Only sessions these words let through, as the browser's f takes them: model: user: tag: source: project: errors cost> since: until:.",
            valueName: "words"))
    var filter: String?

    func run() throws {
        let database = try store.openForReading()
        let sessions: [SessionSummary]
        if let filter {
            let words: BrowseFilter
            do {
                words = try BrowseFilter.parse(filter, now: .now)
            } catch {
                throw CommandError("--filter: \(error)")
            }
            sessions = try database.sessionWindow(filter: words, offset: 0, limit: limit).items
        } else {
            sessions = try database.sessions(limit: limit).items
        }
        if json {
            print(JSONValue.array(sessions.map(\.json)).jsonString)
            return
        }
        var table = Table([
            .left("LAST ACTIVITY"), .left("SESSION", max: 28), .left("SOURCE", max: 11), .left("PROJECT", max: 24),
            .left("USER", max: 12), .right("TURNS"), .right("IN"),
            .right("OUT"), .right("CACHE"), .right("COST"), .right("ERR"), .left("MODELS", max: 30),
            .left("LABEL", max: 40),
        ])
        for session in sessions {
            table.add([
                Format.time(session.lastAt), session.id, session.source ?? "-", session.project ?? "-",
                session.userId ?? "-", String(session.turnCount),
                Format.tokens(session.usage.promptTokens), Format.tokens(session.usage.output ?? 0),
                Format.percent(session.cacheHitRatio),
                Format.cost(total: session.cost, unpriced: session.unpricedTurns, of: session.turnCount),
                session.errorCount > 0 ? String(session.errorCount) : "-", session.models.joined(separator: ","),
                session.label ?? "",
            ])
        }
        print(sessions.isEmpty ? "no sessions in \(database.path)" : table.render())
    }
}

extension SessionSummary {
    /// The machine-readable form printed by `sessions --json`.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "traceCount": .integer(Int64(traceCount)), "turnCount": .integer(Int64(turnCount)),
            "errorCount": .integer(Int64(errorCount)), "usage": usage.json,
            // No known cost at all is null, not a made-up 0.
            "costUSD": turnCount > 0 && unpricedTurns >= turnCount && cost == 0 ? .null : .number(cost),
            "unpricedTurns": .integer(Int64(unpricedTurns)), "models": .array(models.map(JSONValue.string)),
            "automatic": .bool(isAutomatic),
        ]
        if let label { object["label"] = .string(label) }
        if let source { object["source"] = .string(source) }
        if let project { object["project"] = .string(project) }
        // The client's own figure for the whole session (Claude Code's running total), beside ours.
        if let reportedCost { object["reportedCostUSD"] = .number(reportedCost) }
        if let userId { object["userId"] = .string(userId) }
        if let firstAt { object["firstAt"] = .string(firstAt.iso8601) }
        if let lastAt { object["lastAt"] = .string(lastAt.iso8601) }
        if let cacheHitRatio { object["cacheHitRatio"] = .number(cacheHitRatio) }
        return .object(object)
    }
}
