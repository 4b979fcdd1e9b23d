import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

/// The metadata every span of a process repeats (OTLP resource attributes and scope) is stored
/// once, and every reader still sees each observation's metadata whole.
@Suite struct SharedMetadataTests {
    /// A resource as big as a real Python process's, padded so that a copy per row would show.
    static let resource: JSONValue = .object(
        Dictionary(uniqueKeysWithValues: (0..<40).map { ("process.attribute.\($0)", .string(String(repeating: "r", count: 50))) })
            .merging(["service.name": "support-agent", "host.name": "dev-laptop-7"]) { a, _ in a })

    static func span(_ index: Int, resource: JSONValue = resource) -> ObservationRecord {
        ObservationRecord(
            id: "span-\(index)", traceId: "trace-\(index / 4)", kind: .span, name: "step",
            startTime: Fixture.time(Double(index)),
            metadata: [
                "attributes": ["step.index": .integer(Int64(index))],
                "resourceAttributes": resource, "scope": ["name": "acme.instrumentation", "version": "1.0"],
            ])
    }

    @Test func everyObservationReadsBackWithItsWholeMetadata() throws {
        let db = try TemporaryStore()
        let other: JSONValue = ["service.name": "billing"]
        let written = (0..<8).map { Self.span($0, resource: $0 == 5 ? other : Self.resource) }
        try db.store.write(written.map(Record.observation), client: "otlp")

        var read: [String: JSONValue] = [:]
        try db.store.export { record in
            if case .observation(let observation) = record { read[observation.id] = observation.metadata }
        }
        #expect(read.count == 8)
        for span in written { #expect(read[span.id] == span.metadata) }
    }

    @Test func aProcessesResourceTakesSpaceOnceNotOnEveryRow() throws {
        let db = try TemporaryStore()
        let resourceBytes = Self.resource.jsonBytes.count
        try db.store.write((0..<2_000).map { .observation(Self.span($0)) }, client: "otlp")
        let disk = try db.store.checkpointAndMeasure()
        // A copy per row alone would take 2,000 × ~2.2 KB = 4.4 MB.
        #expect(disk < Int64(2_000 * resourceBytes / 4), "\(disk) bytes for 2,000 spans")
    }

    @Test func anUpdateWithoutTheResourceKeepsItAndAnUpdateWithItMergesTheRest() throws {
        let db = try TemporaryStore()
        try db.store.write([.observation(Self.span(1))], client: "otlp")
        var update = ObservationRecord(id: "span-1", kind: nil, metadata: ["attributes": ["late": true]])
        update.eventTime = Fixture.time(100)
        try db.store.write([.observation(update)], client: "otlp")

        var metadata: JSONValue?
        try db.store.export { if case .observation(let observation) = $0 { metadata = observation.metadata } }
        #expect(metadata?["resourceAttributes"] == Self.resource)
        #expect(metadata?["attributes"] == ["step.index": 1, "late": true])
        #expect(metadata?["scope"] == ["name": "acme.instrumentation", "version": "1.0"])
    }

    @Test func theSharedPartIsNotSearchable() throws {
        let db = try TemporaryStore()
        try db.store.write([.observation(Self.span(1))], client: "otlp")
        #expect(try db.store.search("laptop").items.isEmpty)
    }
}
