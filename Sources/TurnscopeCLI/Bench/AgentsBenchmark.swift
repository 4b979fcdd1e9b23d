import Foundation
import Synchronization
import TurnscopeAgents
import TurnscopeIngest
import TurnscopeModel
import TurnscopeStore

/// `turnscope bench agents`: imports a generated transcript corpus, imports it again unchanged,
/// then follows a session being written, and checks the totals against what the corpus knows.
///
/// The corpus is generated first; the measuring runs in a child process so its peak memory is the
/// importer's own, not the generator's.
struct AgentsBenchmark {
    let directory: String
    let megabytes: Int

    func run(_ report: inout BenchReport) throws -> [String] {
        var corpus = AgentCorpus(directory: directory + "/corpus")
        let seconds = try Measure.seconds { try corpus.generate(megabytes: megabytes) }
        report.add("agents.corpus_mb", Double(corpus.totals.bytes) / 1_048_576, "MB")
        report.add("agents.corpus_generated_s", seconds, "s")
        let expected = try JSONEncoder().encode(corpus.totals)
        try expected.write(to: URL(fileURLWithPath: corpus.directory + "/expected.json"))
        return ["bench", "agents", "--corpus", corpus.directory]
    }

    /// The measurements, on a corpus made by `run`.
    static func measure(corpus directory: String, _ report: inout BenchReport) throws {
        let expected = try JSONDecoder().decode(
            AgentCorpus.Totals.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/expected.json")))
        let path = directory + "/agents.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try TraceStore(path: path)
        let folders = AgentFolders.resolve(environment: [:], claudeHome: directory + "/claude", codexHome: directory + "/codex")
        let importer = AgentImport(store: store)

        var tally = ImportTally()
        let seconds = try Measure.seconds { tally = try importer.run(AgentImport.transcripts(in: folders)) }
        let megabytes = Double(expected.bytes) / 1_048_576
        report.add("agents.import_mb_per_s", megabytes / seconds, "MB/s", target: "≥ 50")
        report.add("agents.import_turns_per_s", Double(tally.turns) / seconds, "turns/s")
        report.add("agents.import_s", seconds, "s", target: "≤ 20 for 1 GB")
        report.add("agents.import_peak_rss_mb", Measure.peakResidentMegabytes() ?? .nan, "MB", target: "≤ 100")
        let again = try Measure.seconds { _ = try importer.run(AgentImport.transcripts(in: folders)) }
        report.add("agents.reimport_unchanged_s", again, "s", target: "≤ 0.3")
        let bytes = ["", "-wal"].compactMap { (try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int64) ?? nil }
            .reduce(0, +)
        report.add("agents.db_bytes_per_corpus_byte", Double(bytes) / Double(expected.bytes), "ratio", target: "≤ 0.5")
        let exact = try totals(store) == expected.countedPart
        if !exact { print("totals: expected \(expected.countedPart), stored \(try totals(store))") }
        report.add("agents.totals_exact", exact ? 1 : 0, "bool", target: "1")
        let latencies = try followLatencies(store: store, folders: folders, directory: directory)
        report.add("agents.follow_p50_ms", Measure.percentile(latencies, 50), "ms")
        report.add("agents.follow_p99_ms", Measure.percentile(latencies, 99), "ms", target: "≤ 200")
    }

    /// Turns and tokens summed over every session, as the sessions list shows them.
    private static func totals(_ store: TraceStore) throws -> AgentCorpus.Totals {
        var totals = AgentCorpus.Totals()
        var cursor: PageCursor?
        repeat {
            let page = try store.sessions(after: cursor, limit: 500)
            for session in page.items {
                totals.turns += session.turnCount
                totals.sessions += 1
                totals.input += session.usage.input ?? 0
                totals.output += session.usage.output ?? 0
                totals.cacheRead += session.usage.cacheRead ?? 0
                totals.cacheWrite += session.usage.cacheWrite
            }
            cursor = page.next
        } while cursor != nil
        return totals
    }

    /// Milliseconds from a response's lines being appended to a followed transcript to their
    /// commit, for 200 responses written 20 ms apart.
    private static func followLatencies(store: TraceStore, folders: AgentFolders, directory: String) throws -> [Double] {
        let commits = Mutex<[(offset: Int64, at: UInt64)]>([])
        let follower = AgentFollower(store: store, folders: folders, commits: { commit in
            let now = DispatchTime.now().uptimeNanoseconds
            commits.withLock { $0.append((commit.cursor.offset, now)) }
        })
        follower.start()
        defer { follower.stop() }
        Thread.sleep(forTimeInterval: 1)  // the follower's catch-up: every file unchanged
        let session = AgentCorpus.uuid(999_999, 0xF011)
        let path = directory + "/claude/projects/-home-dev-follow/\(session).jsonl"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var written: [(end: Int64, at: UInt64)] = []
        var end: Int64 = 0
        for call in 0..<200 {
            let lines = followLines(session: session, call: call)
            let at = DispatchTime.now().uptimeNanoseconds  // before: the commit may beat the return
            try handle.write(contentsOf: lines)
            end += Int64(lines.count)
            written.append((end, at))
            Thread.sleep(forTimeInterval: 0.02)
        }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, commits.withLock({ $0.last?.offset ?? 0 }) < end { Thread.sleep(forTimeInterval: 0.01) }
        let seen = commits.withLock { $0 }
        return written.compactMap { write in
            seen.first { $0.offset >= write.end }.map { Double($0.at - write.at) / 1e6 }
        }
    }

    /// A prompt and its one-line answer, as Claude Code appends them.
    private static func followLines(session: String, call: Int) -> Data {
        let common: [String: JSONValue] = [
            "sessionId": .string(session), "cwd": "/home/dev/follow", "version": "2.0.14", "isSidechain": false,
            "timestamp": .string(Timestamp.now.iso8601),
        ]
        var user = common
        user["type"] = "user"
        user["uuid"] = .string("u-\(call)")
        user["promptId"] = .string("p-\(call)")
        user["message"] = ["role": "user", "content": .string("follow prompt \(call)")]
        var assistant = common
        assistant["type"] = "assistant"
        assistant["uuid"] = .string("a-\(call)")
        assistant["parentUuid"] = .string("u-\(call)")
        assistant["message"] = [
            "id": .string("msg_follow_\(call)"), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
            "content": [["type": "text", "text": "ok"]], "stop_reason": "end_turn",
            "usage": ["input_tokens": 10, "output_tokens": 5, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0],
        ]
        return Data((JSONValue.object(user).jsonString + "\n" + JSONValue.object(assistant).jsonString + "\n").utf8)
    }
}

extension AgentCorpus.Totals {
    /// The figures the store can be checked against (files and bytes are the corpus's own).
    var countedPart: AgentCorpus.Totals {
        var part = self
        part.files = 0
        part.bytes = 0
        return part
    }
}
