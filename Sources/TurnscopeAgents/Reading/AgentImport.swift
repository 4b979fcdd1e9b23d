import Foundation
import TurnscopeIngest
import TurnscopeModel
import TurnscopeStore

/// Reads agent transcripts once into the store: `turnscope import --agents`, and agent files
/// named to `turnscope import`.
///
/// Each chunk of a file is written in one transaction together with the file's cursor, so an
/// import that is stopped half-way resumes where its last commit ended, and files that did not
/// change since the last import or follow are skipped after a `stat` and a look at their first
/// bytes.
public struct AgentImport {
    /// A transcript to read.
    public struct File: Sendable, Hashable {
        public var path: String
        public var format: TranscriptFormat

        public init(path: String, format: TranscriptFormat) {
            self.path = path
            self.format = format
        }
    }

    let store: TraceStore

    public init(store: TraceStore) {
        self.store = store
    }

    /// Every transcript under `folders`, newest first, so a long first import shows today's
    /// sessions before last year's.
    public static func transcripts(in folders: AgentFolders) -> [File] {
        var found: [(file: File, modified: Date)] = []
        for root in folders.roots {
            for file in TranscriptDiscovery.scan(root).files {
                let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? nil
                found.append((File(path: file.path, format: root.format), modified ?? .distantPast))
            }
        }
        return found.sorted { $0.modified > $1.modified }.map(\.file)
    }

    /// Reads `files` into the store.
    ///
    /// - Parameters:
    ///   - progress: called after each chunk with the bytes read so far and the bytes to read.
    ///   - skipped: called for each malformed line, which is skipped; the rest goes on.
    public func run(
        _ files: [File], progress: (Int64, Int64) -> Void = { _, _ in }, skipped: (SkippedLine) -> Void = { _ in }
    ) throws(StoreError) -> ImportTally {
        let cursors = try store.fileCursors()
        var tails: [TranscriptTail] = []
        var total: Int64 = 0
        for file in files {
            let tail = TranscriptTail(path: file.path, format: file.format, saved: cursors[file.path])
            if tail.isUnchanged() { continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? nil
            total += max(0, (size ?? 0) - (cursors[file.path]?.offset ?? 0))
            tails.append(tail)
        }
        var tally = ImportTally()
        progress(0, total)
        for var tail in tails {
            var changed = false
            while let chunk = tail.read() {
                chunk.skipped.forEach(skipped)
                tally.skippedLines += chunk.skipped.count
                tally.bytes += Int64(chunk.bytes)
                if !chunk.records.isEmpty || chunk.bytes > 0 {
                    try store.write(batches: [chunk.records], client: tail.format.rawValue, cursors: [chunk.cursor])
                    tally.count(chunk.records)
                    changed = changed || !chunk.records.isEmpty
                }
                progress(min(tally.bytes, total), total)
                if chunk.atEnd || chunk.bytes == 0 { break }
            }
            if changed { tally.files += 1 }
        }
        return tally
    }
}
