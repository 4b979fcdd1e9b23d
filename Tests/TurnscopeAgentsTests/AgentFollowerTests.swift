import Foundation
import Testing
import TurnscopeAgents
import TurnscopeModel
import TurnscopeStore

/// The follower on real folders: a root created after it started, appended lines, deletions.
@Suite struct AgentFollowerTests {
    /// Waits up to `seconds` for `condition`, polling.
    private func eventually(_ seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }

    @Test func followsAFolderCreatedAfterItStartedAndKeepsRecordsOfDeletedFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try TraceStore(path: scratch.path + "/turnscope.db")
        let folders = AgentFolders.resolve(environment: [:], claudeHome: scratch.path + "/claude", codexHome: scratch.path + "/codex")
        let follower = AgentFollower(store: store, folders: folders)
        follower.start()
        defer { follower.stop() }
        Thread.sleep(forTimeInterval: 0.3)

        var lines = ClaudeLines(session: "77777777-7777-4777-8777-777777777777")
        let name = "claude/projects/-home-dev-acme/\(lines.session).jsonl"
        try scratch.write(name, lines.prompt("Watch me", uuid: "u1") + "\n" + lines.answer("Watching.", id: "msg_f1", uuid: "a1", parent: "u1", output: 7) + "\n")
        #expect(try eventually { try store.session(id: lines.session)?.turnCount == 1 })
        #expect(try store.session(id: lines.session)?.label == "Watch me")

        try scratch.append(name, lines.prompt("Again", uuid: "u2", parent: "a1") + "\n")
        try scratch.append(name, lines.answer("Again.", id: "msg_f2", uuid: "a2", parent: "u2", output: 9) + "\n")
        #expect(try eventually { try store.session(id: lines.session)?.turnCount == 2 })
        #expect(try store.session(id: lines.session)?.usage.output == 16)
        #expect(follower.fileCount == 1)

        try FileManager.default.removeItem(atPath: scratch.path + "/" + name)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try store.session(id: lines.session)?.turnCount == 2)
    }

    @Test func catchesUpOnFilesWrittenBeforeItStartedAndResumesFromTheirCursors() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try TraceStore(path: scratch.path + "/turnscope.db")
        let folders = AgentFolders.resolve(environment: [:], claudeHome: scratch.path + "/claude", codexHome: scratch.path + "/codex")
        var lines = ClaudeLines(session: "88888888-8888-4888-8888-888888888888")
        let name = "claude/projects/p/\(lines.session).jsonl"
        try scratch.write(name, lines.prompt("Before", uuid: "u1") + "\n" + lines.answer("Old.", id: "msg_c1", uuid: "a1", parent: "u1", output: 4) + "\n")

        let first = AgentFollower(store: store, folders: folders)
        first.start()
        #expect(try eventually { try store.session(id: lines.session)?.turnCount == 1 })
        first.stop()

        // Written while nothing followed, then picked up by a new follower from the saved cursor.
        try scratch.append(name, lines.prompt("After", uuid: "u2", parent: "a1") + "\n" + lines.answer("New.", id: "msg_c2", uuid: "a2", parent: "u2", output: 6) + "\n")
        let second = AgentFollower(store: store, folders: folders)
        second.start()
        defer { second.stop() }
        #expect(try eventually { try store.session(id: lines.session)?.turnCount == 2 })
        #expect(try store.session(id: lines.session)?.usage.output == 10)
    }
}
