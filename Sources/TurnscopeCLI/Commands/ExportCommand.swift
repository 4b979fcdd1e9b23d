import ArgumentParser
import Foundation
import TurnscopeIngest
import TurnscopeStore

/// `turnscope export`: writes the database (or a session) as native JSON Lines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write records as JSON Lines that `turnscope import` reads back unchanged.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only this session.", valueName: "id"))
    var session: String?

    func run() throws {
        let database = try store.openForReading()
        var buffer = Data()
        let output = FileHandle.standardOutput
        try database.export(session: session) { record in
            buffer.append(contentsOf: NativeFormat.line(record).utf8)
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                output.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        output.write(buffer)
    }
}
