import ArgumentParser
import Foundation

/// What `turnscope bench-collector` (the collector of `bench ingest`, in a process of its own)
/// and the benchmark say to each other: one JSON line on its standard output when it listens, a
/// line `stop` (or the end of its standard input) from the benchmark, and one JSON line with its
/// figures once it has stopped.
enum BenchCollectorLines {
    /// The first line: where the collector listens on loopback.
    struct Ready: Line {
        static let name = "ready"
        var event: String = Self.name
        var httpPort: Int
        var grpcPort: Int

        enum CodingKeys: String, CodingKey {
            case event
            case httpPort = "http_port"
            case grpcPort = "grpc_port"
        }
    }

    /// The last line, written after the servers, the writer and the drainer stopped.
    struct Stopped: Line {
        static let name = "stopped"
        var event: String = Self.name
        /// The collector process's peak resident memory (`VmHWM`), nil where it is unknown.
        var peakRSSMegabytes: Double?
        /// Outbox entries not yet delivered, when the mirror was draining.
        var mirrorPending: Int?

        enum CodingKeys: String, CodingKey {
            case event
            case peakRSSMegabytes = "peak_rss_mb"
            case mirrorPending = "mirror_pending"
        }
    }

    /// A line of either kind: its `event` names it, so that one cannot be read as the other.
    protocol Line: Codable, Equatable {
        /// The `event` of every line of this kind.
        static var name: String { get }
        /// Which kind of line it is, written into the line.
        var event: String { get }
    }

    /// What the benchmark writes to ask for the figures.
    static let stop = "stop"

    /// How much of the mirror runs in the collector process (`--mirror`): the destination of
    /// `draining` comes from the environment, so that keys never show in a process listing.
    enum Mirror: String, ExpressibleByArgument, CaseIterable {
        case off, queued, draining
    }

    /// One line of JSON for `value`.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `line` as a `T`, nil when it is not one.
    static func decode<T: Line>(_ type: T.Type, _ line: String) -> T? {
        guard let value = try? JSONDecoder().decode(type, from: Data(line.utf8)), value.event == T.name else { return nil }
        return value
    }
}
