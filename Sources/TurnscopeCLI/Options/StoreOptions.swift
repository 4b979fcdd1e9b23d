import ArgumentParser
import Foundation
import TurnscopeModel
import TurnscopeStore

/// The options every command that opens the database shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database file (default: $TURNSCOPE_DB, else $XDG_DATA_HOME/turnscope/turnscope.db).",
            valueName: "file"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A JSON file of model prices that override or add to the bundled table (default: $TURNSCOPE_PRICES, else $XDG_CONFIG_HOME/turnscope/prices.json when it exists).",
            valueName: "file"))
    var prices: String?

    /// The database path these options select.
    var path: String { db ?? DatabaseLocation.defaultPath() }

    /// The price table: bundled prices with the user's overrides on top.
    func priceTable() throws -> PriceTable {
        let environment = ProcessInfo.processInfo.environment
        var file = prices ?? environment["TURNSCOPE_PRICES"].flatMap { $0.isEmpty ? nil : $0 }
        if file == nil {
            let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
            let candidate = configHome + "/turnscope/prices.json"
            if FileManager.default.fileExists(atPath: candidate) { file = candidate }
        }
        guard let file else { return .bundled }
        do {
            return PriceTable.bundled.merging(try PriceTable.overrides(contentsOf: file))
        } catch {
            throw CommandError("\(file): \(error)")
        }
    }

    /// Opens the store for writing (creating it when missing).
    func openForWriting() throws -> TraceStore {
        try TraceStore(path: path, pricing: priceTable())
    }

    /// Opens an existing store for reading.
    func openForReading() throws -> TraceStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandError("no database at \(path) (import something first, or pass --db)")
        }
        return try TraceStore(path: path, pricing: priceTable())
    }
}
