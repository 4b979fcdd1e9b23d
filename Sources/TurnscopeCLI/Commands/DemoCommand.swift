import ArgumentParser
import Foundation
import TurnscopeCollector
import TurnscopeStore

/// `turnscope demo`: the sample data in a temporary database, opened in the browser.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the browser on a temporary copy of the sample data (deleted on exit).",
        discussion: """
            Imports sample-data/demo.jsonl (found through $TURNSCOPE_SAMPLE_DATA, next to the \
            package the executable was built in, or under the current directory) into a temporary \
            database, exactly as `turnscope import` does, and opens the browser on it with a \
            collector on 127.0.0.1:4318, or on a free port when 4318 is taken: records you post \
            there appear in the demo.
            """)

    @OptionGroup var browse: BrowseOptions

    @Flag(help: "Browse only: run no collector.")
    var noCollector = false

    func run() async throws {
        let sample = try Self.sampleData()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("demo.db").path

        // The same code path as `turnscope import --db PATH FILE`.
        let importer = try ImportCommand.parse(["--db", path, sample])
        try importer.run()

        let database = try TraceStore(path: path)
        var running: Collector?
        var status = "collector off"
        if !noCollector {
            (running, status) = await EmbeddedCollectorOptions.start(on: database, configuration: CollectorConfiguration())
            if running == nil {
                // 4318 is taken (a `turnscope serve`, another demo): any free port will do for a demo.
                let (fallback, fallbackStatus) = await EmbeddedCollectorOptions.start(
                    on: database, configuration: CollectorConfiguration(port: 0))
                if let fallback {
                    running = fallback
                    status = fallbackStatus + " (4318 in use)"
                }
            }
        }
        print("turnscope demo: \(path) (deleted on exit), \(status)")
        fflush(nil)
        // No gRPC here: the demo's collector is for posting a record by hand, and 4317 belongs to
        // the `turnscope` or `turnscope serve` that collects for real.
        try await TerminalSession.browse(
            database, options: browse.terminalOptions(collectorStatus: status),
            thenStop: running.map { RunningCollector(collector: $0, grpc: nil) })
    }

    /// Where `sample-data/demo.jsonl` is: `$TURNSCOPE_SAMPLE_DATA`, then the package the executable
    /// was built in (it lives in `<package>/.build/…`), then the current directory.
    static func sampleData() throws -> String {
        let manager = FileManager.default
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["TURNSCOPE_SAMPLE_DATA"], !configured.isEmpty {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: configured, isDirectory: &isDirectory), isDirectory.boolValue {
                candidates.append(configured + "/demo.jsonl")
            } else {
                candidates.append(configured)
            }
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = (manager.fileExists(atPath: executable.path) ? executable : URL(fileURLWithPath: CommandLine.arguments[0]))
            .deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("sample-data/demo.jsonl").path)
            directory.deleteLastPathComponent()
        }
        candidates.append(manager.currentDirectoryPath + "/sample-data/demo.jsonl")
        if let found = candidates.first(where: { manager.isReadableFile(atPath: $0) }) { return found }
        throw CommandError(
            "cannot find sample-data/demo.jsonl (looked in \(candidates.joined(separator: ", "))); "
                + "set TURNSCOPE_SAMPLE_DATA to its path, or run from the repository")
    }
}
