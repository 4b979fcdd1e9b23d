import Foundation

/// Lists the transcripts under a root, and the folders that hold them (which the follower watches).
enum TranscriptDiscovery {
    /// A transcript file found on disk.
    struct Found: Hashable {
        var path: String
        var root: AgentRoot
    }

    /// Every transcript under `root`, and every folder below it (the root included), in a stable
    /// order. A root that does not exist yet gives nothing.
    static func scan(_ root: AgentRoot) -> (files: [Found], folders: [String]) {
        var files: [Found] = []
        var folders: [String] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([], [])
        }
        folders.append(root.path)
        var pending = [root.path]
        while let folder = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() {
                let path = folder + "/" + name
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    folders.append(path)
                    pending.append(path)
                } else if root.holdsTranscript(named: name) {
                    files.append(Found(path: path, root: root))
                }
            }
        }
        return (files, folders)
    }
}
