import ArgumentParser
import Foundation
import TurnscopeIngest
import TurnscopeModel
import TurnscopeStore

/// `turnscope bench store`: write throughput against raw SQLite, storage growth of a long agent
/// session, and page and search latency on a large database.
struct StoreBenchmark {
    var generations: Int
    var observations: Int
    var directory: String
    var parts: [Part]

    /// The separately measurable parts.
    enum Part: String, CaseIterable, ExpressibleByArgument {
        case write, storage, spans, read
    }

    func run(_ report: inout BenchReport) throws {
        if parts.contains(.write) { try writeThroughput(&report) }
        if parts.contains(.storage) { try storageRatio(&report) }
        if parts.contains(.spans) { try spanStorage(&report) }
        if parts.contains(.read) { try readLatency(&report) }
        if let rss = Measure.peakResidentMegabytes() { report.add("store.peak_rss", rss, "MB") }
    }

    /// Batches of 100 generations (each with its trace record, history resent in full, FTS on),
    /// then the same generations as plain rows in plain SQLite, twice: holding only the content new
    /// in each turn (plain SQLite given Turnscope's deduplication for free), and, for the first
    /// `asSentGenerations`, each row as the client sent it, its whole prompt with it (what a store
    /// without content addressing writes; a sample, since 100,000 whole prompts take gigabytes).
    private func writeThroughput(_ report: inout BenchReport) throws {
        let store = try TraceStore(path: directory + "/throughput.db")
        var workload = AgentWorkload()
        var seconds = 0.0
        var secondsAsSentSample = 0.0
        var raw: [[RawSQLiteBaseline.Row]] = []
        var asSent: [[RawSQLiteBaseline.Row]] = []
        var written = 0
        while written < generations {
            let batch = Self.decodedAfresh(workload.records(turns: 100))
            raw.append(Self.plainRows(batch, wholePrompt: false))
            let elapsed = try Measure.seconds { try store.write(batch, client: "bench") }
            if written < Self.asSentGenerations {
                asSent.append(Self.plainRows(batch, wholePrompt: true))
                secondsAsSentSample += elapsed
            }
            seconds += elapsed
            written += 100
        }
        let ours = Double(written) / seconds
        report.add("store.write_generations_per_s", ours, "gen/s", target: ">= 30000")
        let rawRate = Double(written) / (try RawSQLiteBaseline.write(raw, path: directory + "/raw.db"))
        report.add("store.raw_sqlite_new_content_rows_per_s", rawRate, "rows/s")
        report.add("store.write_ratio_to_raw_new_content", ours / rawRate, "x")
        let sample = Double(asSent.reduce(0) { $0 + $1.count })
        let asSentRate = sample / (try RawSQLiteBaseline.write(asSent, path: directory + "/raw-as-sent.db"))
        report.add("store.raw_sqlite_as_sent_rows_per_s", asSentRate, "rows/s")
        report.add("store.write_ratio_to_raw_as_sent", sample / secondsAsSentSample / asSentRate, "x", target: ">= 1")
    }

    /// The records as a collector hands them over, each prompt read from a request of its own. The
    /// generator builds a prompt by appending to the last one, so consecutive turns would share
    /// their history's strings, and the writer, which takes one storage for the same bytes
    /// (`ContentIdentity`), would skip comparing them: a saving requests decoded apart never give.
    private static func decodedAfresh(_ records: [Record]) -> [Record] {
        records.map { record in
            guard case .observation(var observation) = record, case .messages(let messages)? = observation.input else {
                return record
            }
            observation.input = .messages(messages.map { Message(role: $0.role, name: $0.name, parts: $0.parts.map(freshCopy)) })
            return .observation(observation)
        }
    }

    /// The part with its text in storage of its own.
    private static func freshCopy(_ part: MessagePart) -> MessagePart {
        func copy(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        switch part {
        case .text(let text):
            return .text(copy(text))
        case .toolResult(var result):
            result.content = copy(result.content)
            return .toolResult(result)
        case .toolCall(var call):
            call.name = copy(call.name)
            call.id = call.id.map(copy)
            return .toolCall(call)
        default:
            return part
        }
    }

    /// How many generations the as-sent baseline writes.
    static let asSentGenerations = 5_000

    /// One 500-turn agent session resending its growing history: disk bytes over unique content.
    private func storageRatio(_ report: inout BenchReport) throws {
        let store = try TraceStore(path: directory + "/storage.db")
        var workload = AgentWorkload()
        let records = workload.singleSession(turns: 500)
        for chunk in stride(from: 0, to: records.count, by: 100) {
            try store.write(Array(records[chunk..<min(chunk + 100, records.count)]), client: "bench")
        }
        var unique: Set<Message> = []
        var uniqueBytes = 0
        var wholeBytes = 0
        for case .observation(let observation) in records {
            for payload in [observation.input, observation.output].compactMap({ $0 }) {
                guard case .messages(let messages) = payload else { continue }
                for message in messages {
                    let size = message.json.jsonBytes.count
                    wholeBytes += size
                    if unique.insert(message).inserted { uniqueBytes += size }
                }
            }
        }
        let disk = try store.checkpointAndMeasure()
        report.add("store.disk_bytes_per_unique_content_byte", Double(disk) / Double(uniqueBytes), "x", target: "<= 1.5")
        report.add("store.whole_inputs_per_unique_content_byte", Double(wholeBytes) / Double(uniqueBytes), "x")
    }

    /// 20,000 spans of instrumented agent turns (OpenInference and GenAI conventions, the resource
    /// of a Python process on each) decoded and written as the collector does, in exports of 512:
    /// database bytes per span, and where they go (table and index sizes from `dbstat`).
    private func spanStorage(_ report: inout BenchReport) throws {
        let store = try TraceStore(path: directory + "/spans.db")
        var workload = InstrumentedSpanWorkload()
        let turnsPerExport = 512 / InstrumentedSpanWorkload.spansPerTurn
        let spans = 20_000
        var written = 0
        while written < spans {
            let body = try workload.export(turns: turnsPerExport).serializedBytes() as Data
            try store.write(OTLPTraces.decode(protobuf: body).records, client: "otlp")
            written += turnsPerExport * InstrumentedSpanWorkload.spansPerTurn
        }
        let disk = try store.checkpointAndMeasure()
        report.add("store.span_bytes", Double(disk) / Double(written), "B/span", target: "<= 500")
        for part in try store.spaceByObject() where part.bytes * 50 >= disk {
            report.add("store.span_bytes.\(part.name)", Double(part.bytes) / Double(written), "B/span")
        }
    }

    /// Page and search latency on a database of `observations` observations.
    private func readLatency(_ report: inout BenchReport) throws {
        let path = directory + "/large.db"
        report.add(
            "store.build_large_db_observations_per_s", try LargeDatabase.build(at: path, observations: observations), "obs/s")
        let reader = try TraceStore(path: path)
        let sessions = try reader.sessions(limit: 2000).items
        var random = SplitMix64(seed: 3)
        var sessionPage: [Double] = []
        var turnPage: [Double] = []
        var search: [Double] = []
        var cursor: PageCursor?
        for _ in 0..<300 {
            sessionPage.append(try Measure.seconds {
                let page = try reader.sessions(after: cursor, limit: 50)
                cursor = page.next
            })
            let session = sessions[Int(random.next() % UInt64(sessions.count))]
            turnPage.append(try Measure.seconds { _ = try reader.turns(inSession: session.id, limit: 50) })
        }
        let terms = ["auth", "token handler", "kalo", "session config", "zeruvi", "failed test", "swift", "hexdri"]
        for index in 0..<200 {
            search.append(try Measure.seconds { _ = try reader.search(terms[index % terms.count], limit: 50) })
        }
        for (name, samples, target) in [
            ("sessions_page", sessionPage, "5 ms"), ("turns_page", turnPage, "5 ms"), ("search", search, "50 ms"),
        ] {
            report.add("store.\(name)_p50", Measure.percentile(samples, 50) * 1000, "ms")
            report.add("store.\(name)_p99", Measure.percentile(samples, 99) * 1000, "ms", target: "<= " + target)
        }
    }

    /// The generations of a batch as plain rows: with the content new in this turn (the two
    /// messages the previous turn added, and the reply), or with the whole prompt and the reply.
    private static func plainRows(_ records: [Record], wholePrompt: Bool) -> [RawSQLiteBaseline.Row] {
        records.compactMap { record in
            guard case .observation(let observation) = record, case .messages(let input)? = observation.input,
                case .messages(let output)? = observation.output
            else { return nil }
            let content = (wholePrompt ? input : Array(input.suffix(2))) + output
            return RawSQLiteBaseline.Row(
                id: observation.id, traceId: observation.traceId ?? "", model: observation.model ?? "",
                startAt: observation.startTime?.microseconds ?? 0, endAt: observation.endTime?.microseconds ?? 0,
                inputTokens: observation.usage?.input ?? 0, outputTokens: observation.usage?.output ?? 0,
                body: JSONValue.array(content.map(\.json)).jsonString,
                text: content.map(\.searchableText).joined(separator: "\n"))
        }
    }
}
