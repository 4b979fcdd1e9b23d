import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells which folders changed, with one inotify descriptor for all of them on Linux (thousands of
/// transcripts need no thread or descriptor each), and nothing elsewhere: the follower then polls.
final class FolderWatch {
    /// A change inside a watched folder.
    struct Change {
        /// The watched folder.
        var folder: String
        /// The file or folder that changed in it.
        var name: String
        /// Whether `name` is a folder (a new one is watched in turn).
        var isFolder: Bool
    }

    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private var watched: Set<String> = []
    /// Whether the kernel dropped events: everything must be looked at again.
    private(set) var overflowed = false

    init() {
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        #else
        descriptor = -1
        #endif
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Whether changes are reported; when not, the caller polls.
    var isAvailable: Bool { descriptor >= 0 }

    /// Starts watching `folder` for new, written, moved-in and deleted entries.
    func watch(_ folder: String) {
        #if canImport(Glibc)
        guard descriptor >= 0, !watched.contains(folder) else { return }
        let mask = UInt32(IN_CREATE | IN_MODIFY | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF)
        let handle = inotify_add_watch(descriptor, folder, mask)
        guard handle >= 0 else { return }
        folders[handle] = folder
        watched.insert(folder)
        #endif
    }

    /// Waits up to `milliseconds` for changes and returns them (empty on timeout).
    func changes(waiting milliseconds: Int32) -> [Change] {
        #if canImport(Glibc)
        guard descriptor >= 0 else { return [] }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) > 0 else { return [] }
        var changes: [Change] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (handle, mask, length) = buffer.withUnsafeBytes { bytes in
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
                if mask & UInt32(IN_IGNORED) != 0, let folder = folders.removeValue(forKey: handle) {
                    watched.remove(folder)
                }
                if length > 0, let folder = folders[handle] {
                    let nameBytes = buffer[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    changes.append(Change(folder: folder, name: name, isFolder: mask & UInt32(IN_ISDIR) != 0))
                }
                offset += header + length
            }
        }
        return changes
        #else
        usleep(useconds_t(milliseconds) * 1000)
        return []
        #endif
    }

    /// Clears the overflow flag once the caller has looked at everything again.
    func acknowledgeOverflow() { overflowed = false }

    /// Whether `folder` is watched (it may have been deleted since).
    func isWatching(_ folder: String) -> Bool { watched.contains(folder) }
}
