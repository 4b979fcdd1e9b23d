import Foundation
import TurnscopeIngest
import TurnscopeModel

/// One transcript as far as this process has read it: the reader's state and the file's cursor.
///
/// Each `read` hands out the records of the complete lines written since the last one, with the
/// cursor to save beside them. A half-written last line waits for its newline. A file that was
/// truncated, replaced or rewritten with other first bytes is read again from the start; the
/// records it yields carry the same ids as before, so nothing counts twice.
///
/// After a restart the reader's state (earlier requests, the response a line continues) is not in
/// memory: the lines up to the saved cursor are read again to rebuild it, and their records,
/// already committed, are not handed out a second time.
struct TranscriptTail {
    let path: String
    let format: TranscriptFormat
    /// The cursor saved by an earlier run, checked against the file on the first read.
    private var saved: FileCursor?
    private(set) var cursor: FileCursor
    private var reader: (any TranscriptReader)?
    /// Lines ending at or before this offset were committed by an earlier run.
    private var replayUntil: Int64 = 0

    /// What one `read` found.
    struct Chunk {
        var records: [Record]
        var skipped: [SkippedLine]
        /// The cursor to save with `records`.
        var cursor: FileCursor
        /// Bytes read, replayed ones included.
        var bytes: Int
        /// Whether the read reached the last complete line written so far.
        var atEnd: Bool
    }

    init(path: String, format: TranscriptFormat, saved: FileCursor?) {
        self.path = path
        self.format = format
        self.saved = saved
        cursor = FileCursor(path: path, device: 0, inode: 0, size: 0, offset: 0, head: 0, lines: 0)
    }

    /// Whether the file is exactly as the saved cursor left it, so there is nothing to read:
    /// answered from `stat` and its first bytes, without reading further.
    func isUnchanged() -> Bool {
        guard let saved, cursor.offset == 0 else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard let identity = FileIdentity.of(descriptor) else { return false }
        return identity.size == saved.offset && identity.continues(saved, descriptor: descriptor)
    }

    /// Reads the complete lines written since the last read, at most about `limit` bytes of them
    /// (a longer single line is read whole). Nil when the file cannot be opened.
    mutating func read(limit: Int = 4 << 20) -> Chunk? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let identity = FileIdentity.of(descriptor) else { return nil }
        if reader == nil || !identity.continues(cursor, descriptor: descriptor) {
            restart(identity, descriptor: descriptor)
        }
        cursor.size = identity.size
        guard identity.size > cursor.offset else {
            return Chunk(records: [], skipped: [], cursor: cursor, bytes: 0, atEnd: true)
        }
        let available = Int(identity.size - cursor.offset)
        var length = min(available, limit)
        var bytes = [UInt8](repeating: 0, count: length)
        var filled = Self.read(descriptor, into: &bytes, at: cursor.offset)
        // A single line longer than the limit: read on until its newline or the end of the file.
        while filled == length, length < available, !bytes.contains(0x0A) {
            length = min(available, length * 2)
            bytes.append(contentsOf: repeatElement(0, count: length - bytes.count))
            filled += Self.read(descriptor, into: &bytes, at: cursor.offset + Int64(filled), from: filled)
        }
        return consume(bytes.prefix(filled), descriptor: descriptor, reachesEnd: filled == available)
    }

    /// Feeds the complete lines of `bytes` (which start at the cursor) to the reader.
    private mutating func consume(_ bytes: ArraySlice<UInt8>, descriptor: Int32, reachesEnd: Bool) -> Chunk {
        var records: [Record] = []
        var skipped: [SkippedLine] = []
        guard var reader else { return Chunk(records: [], skipped: [], cursor: cursor, bytes: 0, atEnd: true) }
        var consumed = 0
        let startedAt = cursor.offset
        bytes.withUnsafeBytes { buffer in
            var start = 0
            while start < buffer.count {
                guard let newline = buffer[start...].firstIndex(of: 0x0A) else { break }
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let number = cursor.lines + 1
                let committed = cursor.offset + Int64(newline + 1) <= replayUntil
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                    do {
                        let read = try reader.read(line: line, number: number)
                        if !committed { records.append(contentsOf: read) }
                    } catch {
                        if !committed { skipped.append(SkippedLine(path: path, line: number, reason: String(describing: error))) }
                    }
                }
                cursor.lines = number
                start = newline + 1
                consumed = start
            }
        }
        cursor.offset += Int64(consumed)
        let atEnd = reachesEnd && consumed == bytes.count || consumed == 0
        // Held-back records go out at the end of what is written; mid-file they wait for the
        // lines that may continue them, unless this chunk ends a replay (they were committed).
        if atEnd || cursor.offset > replayUntil {
            let held = reader.flush()
            if cursor.offset > replayUntil { records.append(contentsOf: held) }
        }
        self.reader = reader
        // The fingerprint covers the first `headLength` bytes, or all there were: taken again
        // until the cursor has passed them.
        if startedAt < Int64(FileCursor.headLength) {
            cursor.head = FileIdentity.head(of: descriptor, length: cursor.offset) ?? 0
        }
        return Chunk(records: records, skipped: skipped, cursor: cursor, bytes: consumed, atEnd: atEnd)
    }

    /// Starts reading the file from its first byte with a fresh reader. When an earlier run's
    /// cursor still describes this file, the lines it covers are read for state only.
    private mutating func restart(_ identity: FileIdentity, descriptor: Int32) {
        reader = format.reader(path: path)
        cursor = FileCursor(
            path: path, device: identity.device, inode: identity.inode, size: identity.size, offset: 0,
            head: 0, lines: 0)
        replayUntil = 0
        if let saved, identity.continues(saved, descriptor: descriptor) { replayUntil = saved.offset }
        saved = nil
    }

    /// `pread` until `bytes` is full from `index` on or the file ends; the bytes read.
    private static func read(_ descriptor: Int32, into bytes: inout [UInt8], at offset: Int64, from index: Int = 0) -> Int {
        var filled = 0
        bytes.withUnsafeMutableBytes { buffer in
            while index + filled < buffer.count {
                let count = pread(descriptor, buffer.baseAddress! + index + filled, buffer.count - index - filled, off_t(offset) + off_t(filled))
                if count <= 0 { break }
                filled += count
            }
        }
        return filled
    }
}
