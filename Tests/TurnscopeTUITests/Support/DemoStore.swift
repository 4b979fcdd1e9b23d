import Foundation
import TurnscopeIngest
import TurnscopeModel
import TurnscopeStore
import TurnscopeTUI

/// A real store in a temporary file, filled with the repository's `sample-data/demo.jsonl`, and a
/// browser over it with a fixed clock so every screen renders the same on every run.
struct DemoStore {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// Just after the newest record of the sample data.
    static let now = Timestamp(iso8601: "2026-11-22T16:00:00Z")!

    let directory: URL
    let store: TraceStore

    /// A fresh database with the sample data imported.
    init(sample: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("turnscope-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try TraceStore(path: directory.appendingPathComponent("t.db").path)
        if sample {
            let data = try Data(contentsOf: Self.packageRoot.appendingPathComponent("sample-data/demo.jsonl"))
            try write(NativeFormat.decode(lines: data).map { try $0.result.get() })
        }
    }

    /// Commits records as a client would.
    func write(_ records: [Record]) throws {
        _ = try store.write(records, client: "tests")
    }

    /// A browser of `width`×`height` on this store, with colour as `NO_COLOR` unset would give.
    func browser(width: Int = 80, height: Int = 24, root: (any Screen)? = nil) -> Browser {
        let context = BrowserContext(store: store, theme: Theme(usesColor: true), now: Self.now)
        return Browser(context: context, root: root, width: width, height: height)
    }

    /// Presses keys in order, as a user would.
    static func press(_ keys: [Key], on browser: Browser) {
        for key in keys { _ = browser.handle(key) }
    }

    /// Keys for typing text into a prompt.
    static func typing(_ text: String) -> [Key] { text.map { Key.character($0) } }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
