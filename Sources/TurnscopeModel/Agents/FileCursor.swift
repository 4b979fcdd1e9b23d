/// How far Turnscope has read one agent transcript, kept in the database so that a restart resumes
/// where it stopped and a file that was truncated or replaced is recognised as such.
public struct FileCursor: Sendable, Hashable {
    /// The file's path.
    public var path: String
    /// The file system's device and inode numbers: a new inode at the same path is a new file.
    public var device: UInt64
    public var inode: UInt64
    /// The size read up to the cursor; a smaller file was truncated.
    public var size: Int64
    /// The byte offset just past the last complete line read.
    public var offset: Int64
    /// A fingerprint of the file's first bytes (see `FileCursor.headLength`): a file rewritten in
    /// place with other content no longer matches it.
    public var head: UInt64
    /// Complete lines read, so errors keep their line numbers across restarts.
    public var lines: Int

    public init(path: String, device: UInt64, inode: UInt64, size: Int64, offset: Int64, head: UInt64, lines: Int) {
        self.path = path
        self.device = device
        self.inode = inode
        self.size = size
        self.offset = offset
        self.head = head
        self.lines = lines
    }

    /// How many leading bytes the fingerprint covers (fewer while the file is shorter).
    public static let headLength = 1024

    /// FNV-1a over `bytes`: cheap and stable across runs, which Swift's `Hasher` is not.
    public static func fingerprint(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
