import ArgumentParser
import Foundation
import TurnscopeIngest
import TurnscopeModel
import TurnscopeStore

/// `turnscope import FILE…`: reads native JSON Lines into the database.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records in Turnscope's JSON Lines format (docs/native-format.md).",
        discussion: """
            Every good line is imported even when others fail; each bad line is reported as FILE:LINE: reason \
            and the exit code is 1. Importing the same file twice changes nothing: records merge by id.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Files to import; - reads standard input.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to import, or - for standard input") }
    }

    func run() throws {
        let database = try store.openForWriting()
        var imported = 0
        var failed = 0
        for file in files {
            let data = try Self.read(file)
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
            imported += batch.count
        }
        print("imported \(imported) records into \(database.path)" + (failed > 0 ? "; \(failed) lines failed" : ""))
        if failed > 0 { throw ExitCode(1) }
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
