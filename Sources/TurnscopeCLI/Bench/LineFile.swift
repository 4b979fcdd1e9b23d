import Foundation
import TurnscopeModel

/// A JSON Lines file written through a buffer, its folders created as needed.
struct LineFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Bytes written so far.
    private(set) var bytes: Int64 = 0

    init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandError("cannot write \(path)")
        }
        self.handle = handle
    }

    /// Appends one line.
    mutating func write(_ value: JSONValue) throws {
        buffer.append(contentsOf: value.jsonBytes)
        buffer.append(0x0A)
        if buffer.count > 1 << 20 { try drain() }
    }

    mutating func close() throws {
        try drain()
        try handle.close()
    }

    private mutating func drain() throws {
        try handle.write(contentsOf: buffer)
        bytes += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
