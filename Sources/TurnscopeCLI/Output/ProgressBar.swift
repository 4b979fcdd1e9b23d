import Foundation

/// A one-line progress bar on standard error, redrawn in place; silent when stderr is no terminal,
/// so logs and pipes get only the summary line.
final class ProgressBar {
    private let enabled: Bool
    private var lastDrawn = Date.distantPast
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Shows `done` of `total` bytes, at most ten times a second.
    func show(done: Int64, total: Int64) {
        guard enabled, total > 0, Date().timeIntervalSince(lastDrawn) > 0.1 || done == total else { return }
        lastDrawn = Date()
        let width = 30
        let filled = Int(Double(width) * Double(done) / Double(total))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let megabytes = { (bytes: Int64) in String(format: "%.1f", Double(bytes) / 1_048_576) }
        write("\r[\(bar)] \(Int(100 * Double(done) / Double(total)))% \(megabytes(done)) / \(megabytes(total)) MB")
        shown = true
    }

    /// Erases the bar, before other output or at the end.
    func clear() {
        guard enabled, shown else { return }
        write("\r\u{1B}[K")
        shown = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
