import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// The reference fixtures of FORMATS.md §1 and §2, copied into Fixtures/proxy.
enum ProxyFixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        let url = try #require(
            Bundle.module.url(forResource: parts[0], withExtension: parts[1], subdirectory: "Fixtures/proxy"))
        return Array(try Data(contentsOf: url))
    }

    /// A fixture stream's events, parsed whole.
    static func events(_ name: String) throws -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        let events = parser.feed(try bytes(name))
        #expect(parser.finish() == .complete)
        return events
    }
}
