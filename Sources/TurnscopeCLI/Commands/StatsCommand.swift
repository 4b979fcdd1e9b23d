import ArgumentParser
import Foundation
import TurnscopeModel
import TurnscopeStore

/// `turnscope stats`: tokens and cost by model and by day.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Tokens and cost of LLM calls by model and by day (UTC).")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only calls since this ISO-8601 time (e.g. 2026-11-01T00:00:00Z).", valueName: "time"))
    var since: String?

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    func run() throws {
        let start = try SinceArgument.parse(since)
        let database = try store.openForReading()
        let byModel = try database.usageStats(by: .model, since: start)
        let byDay = try database.usageStats(by: .day, since: start)
        if json {
            print(JSONValue.object(["byModel": .array(byModel.map(\.json)), "byDay": .array(byDay.map(\.json))]).jsonString)
            return
        }
        print(Self.table("MODEL", byModel))
        print("")
        print(Self.table("DAY", byDay))
    }

    private static func table(_ title: String, _ rows: [UsageStats]) -> String {
        var table = Table([
            .left(title, max: 40), .right("CALLS"), .right("IN"), .right("CACHE R"), .right("CACHE W"), .right("OUT"),
            .right("COST"),
        ])
        for row in rows {
            table.add([
                row.group, String(row.calls), Format.tokens(row.usage.input), Format.tokens(row.usage.cacheRead),
                Format.tokens(row.usage.cacheWrite), Format.tokens(row.usage.output),
                Format.cost(total: row.cost, unpriced: row.unpricedCalls, of: row.calls),
            ])
        }
        return table.render()
    }
}

extension UsageStats {
    var json: JSONValue {
        [
            "group": .string(group), "calls": .integer(Int64(calls)), "usage": usage.json, "costUSD": .number(cost),
            "unpricedCalls": .integer(Int64(unpricedCalls)),
        ]
    }
}
