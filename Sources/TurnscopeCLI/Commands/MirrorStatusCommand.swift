import ArgumentParser
import Foundation
import TurnscopeMirror
import TurnscopeModel
import TurnscopeStore

/// `turnscope mirror status`: where records go, and how many are pending, sent and refused.
struct MirrorStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Where records go, how many are pending, sent and refused, and the last error.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.openForReading()
        let counts = try database.mirrorCounts()
        let environment = ProcessInfo.processInfo.environment
        let gate: String
        switch try? MirrorGate().decide(environment: environment) {
        case .on(let destination, let warnings)?:
            gate = "on for this environment: \(destination)" + warnings.map { "\n             \($0)" }.joined()
        case .off(let reason, _)?: gate = reason
        case nil: gate = "mirror off"
        }
        var lines: [(String, String)] = [
            ("environment", gate),
            ("destination", counts.destination ?? "none yet"),
            ("protocol", counts.transport.map(Self.describe) ?? "not yet known"),
            ("pending", String(counts.pending)),
            ("sent", String(counts.sent)),
            ("failed", String(counts.failed) + (counts.failed > 0 ? " (turnscope mirror retry queues them again)" : "")),
            ("last success", counts.lastSuccessTime.map(\.iso8601) ?? "never"),
        ]
        if let error = counts.lastError {
            lines.append(("last error", (counts.lastErrorTime.map { $0.iso8601 + "  " } ?? "") + TerminalText.sanitize(error)))
        }
        for (label, value) in lines { print(label.padding(toLength: 13, withPad: " ", startingAt: 0) + value) }
        let failures = try database.mirrorFailures()
        if !failures.isEmpty {
            print("\nrefused by the server:")
            for failure in failures { print("  \(failure.count)×  \(TerminalText.sanitize(failure.reason))") }
        }
    }

    static func describe(_ transport: String) -> String {
        switch transport {
        case MirrorProtocol.otlp.rawValue: "OTLP (\(MirrorProtocol.otlp.path)), scores by batch ingestion"
        case MirrorProtocol.ingestion.rawValue: "batch ingestion (\(MirrorProtocol.ingestion.path)): the server has no OTLP endpoint"
        default: transport
        }
    }
}
