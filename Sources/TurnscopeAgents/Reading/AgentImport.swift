import Foundation
import Synchronization
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
    /// One thread reads and decodes while this one writes, a few chunks apart: on two cores the
    /// decoding of the next chunk costs no time beside the commit of the last.
    ///
    /// - Parameters:
    ///   - progress: called after each chunk with the bytes read so far and the bytes to read.
    ///   - skipped: called for each malformed line, which is skipped; the rest goes on.
    public func run(
        _ files: [File], progress: (Int64, Int64) -> Void = { _, _ in }, skipped: (SkippedLine) -> Void = { _ in }
    ) throws(StoreError) -> ImportTally {
        let cursors = try store.fileCursors()
        var changed: [Pending] = []
        var total: Int64 = 0
        for file in files {
            let tail = TranscriptTail(path: file.path, format: file.format, saved: cursors[file.path])
            if tail.isUnchanged() { continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? nil
            total += max(0, (size ?? 0) - (cursors[file.path]?.offset ?? 0))
            changed.append(Pending(file: file, saved: cursors[file.path]))
        }
        var tally = ImportTally()
        progress(0, total)
        let queue = ChunkQueue<Decoded>(capacity: 2)
        let stopping = Atomic<Bool>(false)
        let reader = Thread { [changed] in
            for pending in changed where !stopping.load(ordering: .relaxed) {
                var tail = TranscriptTail(path: pending.file.path, format: pending.file.format, saved: pending.saved)
                while !stopping.load(ordering: .relaxed), let chunk = tail.read() {
                    queue.put(.chunk(chunk, pending.file.format))
                    if chunk.atEnd || chunk.bytes == 0 { break }
                }
                queue.put(.fileDone)
            }
            queue.put(.end)
        }
        reader.name = "turnscope-import-read"
        reader.start()
        var failure: StoreError?
        var fileChanged = false
        loop: while true {
            switch queue.take() {
            case .end:
                break loop
            case .fileDone:
                if fileChanged { tally.files += 1 }
                store.forgetRecentHistories()
                fileChanged = false
            case .chunk(let chunk, let format):
                guard failure == nil else { continue }
                chunk.skipped.forEach(skipped)
                tally.skippedLines += chunk.skipped.count
                tally.bytes += Int64(chunk.bytes)
                if !chunk.records.isEmpty || chunk.bytes > 0 {
                    do {
                        try store.write(batches: [chunk.records], client: format.rawValue, cursors: [chunk.cursor])
                    } catch {
                        failure = error
                        stopping.store(true, ordering: .relaxed)
                        continue
                    }
                    tally.count(chunk.records)
                    fileChanged = fileChanged || !chunk.records.isEmpty
                }
                progress(min(tally.bytes, total), total)
            }
        }
        if let failure { throw failure }
        return tally
    }

    /// A file to read and the cursor an earlier run saved for it.
    private struct Pending: Sendable {
        var file: File
        var saved: FileCursor?
    }

    /// What the reading thread hands over.
    private enum Decoded: Sendable {
        case chunk(TranscriptTail.Chunk, TranscriptFormat)
        case fileDone
        case end
    }
}
