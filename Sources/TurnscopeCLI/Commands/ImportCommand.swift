import ArgumentParser
import Foundation
import TurnscopeAgents
import TurnscopeIngest
import TurnscopeModel
import TurnscopeStore

/// `turnscope import FILE…` and `turnscope import --agents`: reads native JSON Lines and coding
/// agents' transcripts into the database.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Turnscope JSON Lines (docs/native-format.md) and Claude Code or Codex transcripts.",
        discussion: """
            Each file's format is recognised by its content. --agents reads every Claude Code and \
            Codex transcript on this machine (see --claude-dir and --codex-dir). Every good line is \
            imported even when others fail; each bad line is reported as FILE:LINE: reason and the \
            exit code is 1. Importing the same files twice changes nothing: records merge by id, and \
            transcripts unchanged since the last import are not read again.
            """)

    @OptionGroup var store: StoreOptions

    @Flag(help: "Import every Claude Code and Codex transcript found on this machine.")
    var agents = false

    @OptionGroup var location: AgentFolderOptions

    @Argument(help: ArgumentHelp("Files to import; - reads standard input.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty && !agents {
            throw ValidationError("name at least one file to import, - for standard input, or --agents")
        }
    }

    func run() throws {
        let database = try store.openForWriting()
        var nativeCount = 0
        var failed = 0
        var transcripts: [AgentImport.File] = []
        for file in files {
            let format = file == "-" ? nil : TranscriptFormat.detect(try Self.head(of: file))
            switch format {
            case .claudeCode?, .codex?:
                transcripts.append(AgentImport.File(path: (file as NSString).standardizingPath, format: format!))
            case .native?, nil:
                let (imported, bad) = try Self.importNative(try Self.read(file), named: file, into: database)
                nativeCount += imported
                failed += bad
            }
        }
        if agents {
            transcripts += AgentImport.transcripts(in: location.folders)
        }
        if !files.isEmpty && transcripts.isEmpty || nativeCount > 0 {
            print("imported \(nativeCount) records into \(database.path)" + (failed > 0 ? "; \(failed) lines failed" : ""))
        }
        if agents || !transcripts.isEmpty {
            failed += try Self.importTranscripts(transcripts, into: database)
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// Imports native JSON Lines; the records imported and the lines that failed.
    private static func importNative(_ data: Data, named file: String, into database: TraceStore) throws -> (Int, Int) {
        var imported = 0
        var failed = 0
        var batch: [Record] = []
        for (line, result) in NativeFormat.decode(lines: data) {
            switch result {
            case .success(let record):
                batch.append(record)
                if batch.count == 1000 {
                    try database.write(batch, client: "import")
                    imported += batch.count
                    batch.removeAll(keepingCapacity: true)
                }
            case .failure(let error):
                failed += 1
                FileHandle.standardError.write(Data("\(file == "-" ? "<stdin>" : file):\(line): \(error)\n".utf8))
            }
        }
        try database.write(batch, client: "import")
        return (imported + batch.count, failed)
    }

    /// Imports agent transcripts with a progress bar on a terminal, then one summary line; the
    /// lines skipped.
    private static func importTranscripts(_ files: [AgentImport.File], into database: TraceStore) throws -> Int {
        let started = Date()
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        let tally = try AgentImport(store: database).run(
            files, progress: { done, total in bar.show(done: done, total: total) },
            skipped: { line in
                bar.clear()
                FileHandle.standardError.write(Data("\(line)\n".utf8))
            })
        bar.clear()
        let seconds = Date().timeIntervalSince(started)
        print(
            "imported \(Format.count(tally.turns)) turns in \(Format.count(tally.sessions)) sessions "
                + "from \(Format.count(tally.files)) files (\(Format.count(tally.skippedLines)) lines skipped) "
                + "in \(String(format: "%.1f", seconds)) s")
        return tally.skippedLines
    }

    /// The first megabyte of a file: enough for its first line, which tells its format.
    private static func head(of file: String) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw CommandError("cannot read \(file)") }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 1 << 20)) ?? Data()
    }

    /// The file's bytes, handed to the decoder as they are: it splits lines on the LF byte, so CRLF
    /// files import too, and it repairs invalid UTF-8 line by line.
    private static func read(_ file: String) throws -> Data {
        if file == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let contents = FileManager.default.contents(atPath: file) else {
            throw CommandError("cannot read \(file)")
        }
        return contents
    }
}
