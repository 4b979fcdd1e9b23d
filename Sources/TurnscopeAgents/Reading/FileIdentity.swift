import Foundation
import TurnscopeModel

/// What `fstat` says of an open transcript, and the fingerprint of its first bytes.
struct FileIdentity {
    var device: UInt64
    var inode: UInt64
    var size: Int64

    /// The identity of the open file `descriptor`, nil when it cannot be read.
    static func of(_ descriptor: Int32) -> FileIdentity? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size))
    }

    /// The fingerprint of the first `min(FileCursor.headLength, length)` bytes of the file, nil
    /// when they cannot be read.
    static func head(of descriptor: Int32, length: Int64) -> UInt64? {
        let count = Int(min(Int64(FileCursor.headLength), length))
        guard count > 0 else { return FileCursor.fingerprint([]) }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, 0) }
        guard read == count else { return nil }
        return FileCursor.fingerprint(bytes)
    }

    /// Whether `cursor` was taken on this same file, unchanged up to where it was read: same
    /// device and inode, not shorter, and the same first bytes.
    func continues(_ cursor: FileCursor, descriptor: Int32) -> Bool {
        guard cursor.device == device, cursor.inode == inode, size >= cursor.offset else { return false }
        return Self.head(of: descriptor, length: cursor.offset) == cursor.head
    }
}
