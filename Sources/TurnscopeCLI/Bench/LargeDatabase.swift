import Foundation
import TurnscopeStore

/// The large database the read benchmarks run on: 200 agent sessions interleaved, each turn a
/// generation with a tool span, histories resent in full, until `observations` are written.
enum LargeDatabase {
    /// Builds it at `path` and returns observations written per second.
    static func build(at path: String, observations: Int) throws -> Double {
        let store = try TraceStore(path: path)
        var workload = AgentWorkload(concurrentSessions: 200)
        workload.toolSpans = true
        workload.toolResultBytes = 300
        let turns = observations / 2
        let seconds = try Measure.seconds {
            var done = 0
            while done < turns {
                try store.write(workload.records(turns: min(250, turns - done)), client: "bench")
                done += 250
            }
        }
        return Double(turns * 2) / seconds
    }
}
