import Foundation
import Synchronization
import TurnscopeModel
import TurnscopeStore
import TurnscopeTUI

/// `turnscope bench browser`: the browser rendering into its cell buffer with no terminal, on a
/// large database: time to the first complete frame, time per key for a scripted walk through
/// every screen, time from a commit to the frame that shows it, and peak memory.
///
/// The database is built by a child process (or given with `--database`), so the memory figure is
/// the browser's own and not the load generator's.
struct BrowserBenchmark {
    var database: String
    var width = 120
    var height = 40
    var refreshMilliseconds = 100

    /// The keys of the scripted walk: down the sessions list, sorting, into the biggest session,
    /// down its turns, into a turn and through its neighbours, the trace timeline, search and back.
    static let script: [Key] =
        Array(repeating: .character("j"), count: 30) + [.control("d"), .control("d"), .character("G"), .character("g")]
        + [.character(">"), .character(">"), .character("r"), .character("<"), .character("<")]
        + [.enter] + Array(repeating: .character("j"), count: 20) + [.character("G")]
        + Array(repeating: .character("k"), count: 10) + [.control("u"), .enter]
        + Array(repeating: .character("j"), count: 30) + [.pageDown, .pageDown, .character("g")]
        + Array(repeating: .character("]"), count: 5) + [.character("["), .character("e"), .character("e")]
        + [.character("t"), .character("j"), .character("j"), .character("q"), .character("q"), .character("q")]
        + [.character("/")] + "auth token".map { Key.character($0) } + [.enter, .enter, .character("n"), .character("n")]
        + [.character("N"), .character("q"), .character("q"), .character("q")]

    func run(_ report: inout BenchReport) throws {
        let firstFrame = try Measure.seconds {
            // Opened as `turnscope view` opens it.
            let store = try TraceStore(path: database)
            _ = Browser(context: BrowserContext(store: store), width: width, height: height).frame()
        }
        report.add("browser.first_frame_ms", firstFrame * 1000, "ms", target: "<= 150")

        let store = try TraceStore(path: database)
        let browser = Browser(context: BrowserContext(store: store), width: width, height: height)
        _ = browser.frame()
        var perKey: [Double] = []
        for key in Self.script {
            perKey.append(Measure.seconds {
                _ = browser.handle(key)
                _ = browser.frame()
            })
        }
        report.add("browser.key_p50_ms", Measure.percentile(perKey, 50) * 1000, "ms")
        report.add("browser.key_p99_ms", Measure.percentile(perKey, 99) * 1000, "ms", target: "<= 16")
        report.add("browser.key_max_ms", (perKey.max() ?? 0) * 1000, "ms")
        // The p99 of about 140 keys is the second slowest: name the slowest, to know what holds it.
        let slowest = perKey.indices.sorted { perKey[$0] > perKey[$1] }.prefix(6)
            .map { "#\($0 + 1) \(Self.script[$0].label) \(String(format: "%.1f", perKey[$0] * 1000)) ms" }
        print("slowest keys: " + slowest.joined(separator: ", "))
        let stats = Measure.seconds {
            _ = browser.handle(.character("S"))
            _ = browser.frame()
        }
        report.add("browser.stats_open_ms", stats * 1000, "ms")
        _ = browser.handle(.character("1"))
        if let rss = Measure.peakResidentMegabytes() { report.add("browser.peak_rss", rss, "MB", target: "<= 64") }

        let delays = try commitToScreen(browser)
        report.add("browser.commit_to_screen_p50_ms", Measure.percentile(delays, 50) * 1000, "ms")
        report.add("browser.commit_to_screen_p99_ms", Measure.percentile(delays, 99) * 1000, "ms", target: "<= 200")
    }

    /// A writer thread commits a new session at random moments while this thread runs the browser's
    /// loop as the terminal does (a refresh per tick, a frame when something changed); each sample is
    /// the time from the commit returning to the first frame showing the new session.
    private func commitToScreen(_ browser: Browser) throws -> [Double] {
        let samples = 20
        let committed = Mutex<[String: UInt64]>([:])
        let writer = try TraceStore(path: database)
        let thread = Thread {
            var random = SplitMix64(seed: 11)
            for index in 0..<samples {
                Thread.sleep(forTimeInterval: 0.15 + Double(random.next() % 200) / 1000)
                let label = "bench-live-\(getpid())-\(index)"
                let now = Timestamp.now
                do { _ = try writer.write(
                    [
                        .trace(TraceRecord(id: label, name: label, sessionId: label, timestamp: now)),
                        .observation(
                            ObservationRecord(
                                id: label + "-gen", traceId: label, kind: .generation, name: label, startTime: now,
                                endTime: now, model: "claude-sonnet-4-5", input: .messages([.text(.user, label)]))),
                    ], client: "bench") } catch { FileHandle.standardError.write(Data("commit failed: \(error)\n".utf8)) }
                let at = DispatchTime.now().uptimeNanoseconds
                committed.withLock { $0[label] = at }
            }
        }
        thread.start()
        var seen: [String: Double] = [:]
        let deadline = Date().addingTimeInterval(60)
        while seen.count < samples, Date() < deadline {
            Thread.sleep(forTimeInterval: Double(refreshMilliseconds) / 1000)
            guard browser.refresh() else { continue }
            let text = browser.frame().text
            let now = DispatchTime.now().uptimeNanoseconds
            for (label, at) in committed.withLock({ $0 }) where seen[label] == nil && text.contains(label) {
                seen[label] = Double(now - at) / 1e9
            }
        }
        return Array(seen.values)
    }
}
