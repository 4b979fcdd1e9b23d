import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore

/// The metadata every span of a process repeats (OTLP resource attributes and scope), and what
/// calls alike repeat (unmapped attributes, provider, finish reason), is stored once, and every
/// reader still sees each observation's metadata whole.
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

    /// A chat span as an instrumentation sends it: the same unmapped attributes on every call, a
    /// response id of its own.
    static func call(_ index: Int, attributes: [String: JSONValue]) -> ObservationRecord {
        ObservationRecord(
            id: "call-\(index)", traceId: "trace-\(index)", kind: .generation, name: "chat gpt-4o",
            startTime: Fixture.time(Double(index)),
            metadata: [
                "attributes": .object(attributes), "provider": "openai", "finishReason": "stop",
                "responseId": .string("chatcmpl-\(index)"),
            ])
    }

    static func metadataById(_ store: TraceStore) throws -> [String: JSONValue] {
        var read: [String: JSONValue] = [:]
        try store.export { if case .observation(let observation) = $0 { read[observation.id] = observation.metadata } }
        return read
    }

    @Test func attributesEveryCallRepeatsTakeSpaceOnce() throws {
        let db = try TemporaryStore()
        let attributes = Dictionary(uniqueKeysWithValues: (0..<20).map { ("server.setting.\($0)", JSONValue.string(String(repeating: "s", count: 40))) })
        let calls = (0..<2_000).map { Self.call($0, attributes: attributes) }
        try db.store.write(calls.map(Record.observation), client: "otlp")
        let disk = try db.store.checkpointAndMeasure()
        // The same calls, each with attributes of its own: a copy per row.
        let unlike = try TemporaryStore()
        try unlike.store.write(
            (0..<2_000).map { index in
                var own = attributes
                own["server.setting.0"] = .string("setting of call \(index)")
                return .observation(Self.call(index, attributes: own))
            }, client: "otlp")
        let copies = try unlike.store.checkpointAndMeasure()
        #expect(disk * 3 < copies, "\(disk) bytes for 2,000 calls alike, \(copies) for 2,000 unlike")
        let read = try Self.metadataById(db.store)
        #expect(read.count == calls.count)
        for call in calls { #expect(read[call.id] == call.metadata) }
    }

    @Test func attributesOfOneCallOnlyStayInItsRow() throws {
        let db = try TemporaryStore()
        let calls = (0..<50).map { Self.call($0, attributes: ["request_id": .string("req_\($0)")]) }
        // No blob for what no other call repeats; the provider and reason alone repeat, which
        // makes the first two calls alike on nothing: each call part differs by its request id.
        #expect(try db.store.write(calls.map(Record.observation), client: "otlp").newContentBytes == 0)
        // A span sent again (an exporter's retry) still reads back as sent.
        try db.store.write(calls.prefix(5).map(Record.observation), client: "otlp")
        let read = try Self.metadataById(db.store)
        for call in calls { #expect(read[call.id] == call.metadata) }
    }

    @Test func aLaterSpanAddsToAttributesKeptOnce() throws {
        let db = try TemporaryStore()
        let calls = (0..<3).map { Self.call($0, attributes: ["server.address": "api.openai.com"]) }
        try db.store.write(calls.map(Record.observation), client: "otlp")
        for index in [0, 2] {
            var update = ObservationRecord(id: "call-\(index)", kind: nil, metadata: ["attributes": ["late": true], "finishReason": "length"])
            update.eventTime = Fixture.time(100)
            try db.store.write([.observation(update)], client: "otlp")
        }
        let read = try Self.metadataById(db.store)
        for index in [0, 2] {
            #expect(read["call-\(index)"]?["attributes"] == ["server.address": "api.openai.com", "late": true])
            #expect(read["call-\(index)"]?["finishReason"] == "length")
            #expect(read["call-\(index)"]?["responseId"] == .string("chatcmpl-\(index)"))
        }
        #expect(read["call-1"] == calls[1].metadata)
    }

    @Test func theSharedPartIsNotSearchable() throws {
        let db = try TemporaryStore()
        try db.store.write([.observation(Self.span(1))], client: "otlp")
        #expect(try db.store.search("laptop").items.isEmpty)
    }
}
