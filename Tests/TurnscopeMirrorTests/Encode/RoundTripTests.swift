import Foundation
import SwiftProtobuf
import Testing
import TurnscopeIngest
import TurnscopeMirror
import TurnscopeModel

/// The encoders are the inverse of Turnscope's own decoders, which follow Langfuse's contract: what
/// the mirror sends, read back as Langfuse (and Turnscope) read it, is what was stored.
@Suite("Mirror encoders")
struct RoundTripTests {
    static func decodedOTLP(_ outgoing: [OutgoingTrace], redact: Bool = false) throws -> OTLPBatch {
        let request = LangfuseSpanEncoder.request(outgoing, options: EncodeOptions(redact: redact))
        return try OTLPTraces.decode(protobuf: try request.serializedData())
    }

    @Test("OTLP: trace fields, tree, messages, usage, cost and errors survive")
    func otlpRoundTrip() throws {
        let batch = try Self.decodedOTLP([EncodeFixture.outgoing])
        let trace = try #require(batch.traces.first { $0.id == UpstreamIds.trace("trace-1") })
        #expect(trace.name == "agent run")
        #expect(trace.userId == "alice")
        #expect(trace.sessionId == "sess-9")
        #expect(Set(trace.tags ?? []) == ["prod", "agent"])
        #expect(trace.metadata?.objectValue?["team"] == "search")
        #expect(trace.release == "r42")
        #expect(trace.input == .json(["task": "weather"]))

        let observations = Dictionary(uniqueKeysWithValues: batch.observations.map { ($0.id, $0) })
        let generation = try #require(observations[UpstreamIds.span("gen-1")])
        let original = EncodeFixture.generation
        #expect(generation.kind == .generation)
        #expect(generation.parentId == UpstreamIds.span("agent-1"))
        #expect(generation.traceId == UpstreamIds.trace("trace-1"))
        #expect(generation.startTime == original.startTime && generation.endTime == original.endTime)
        #expect(generation.completionStartTime == original.completionStartTime)
        #expect(generation.model == "claude-sonnet-4-5")
        #expect(generation.modelParameters?["max_tokens"] == .integer(512))
        #expect(generation.input == original.input)
        #expect(generation.output == original.output)
        #expect(generation.usage == original.usage)
        #expect(generation.cost?.effectiveTotal == original.cost?.effectiveTotal)
        #expect(generation.cost?.parts == original.cost?.parts)
        #expect(generation.environment == "staging")

        #expect(observations[UpstreamIds.span("agent-1")]?.kind == .agent)
        let tool = try #require(observations[UpstreamIds.span("tool-1")])
        #expect(tool.kind == .tool && tool.input == .json(["city": "Paris"]) && tool.output == .json("sunny, 21C"))
        let failed = try #require(observations[UpstreamIds.span("gen-2")])
        #expect(failed.level == .error)
        #expect(failed.statusMessage == "overloaded_error: try later")
    }

    @Test("batch ingestion: the same records through /api/public/ingestion")
    func batchRoundTrip() throws {
        let events = LangfuseEventEncoder.events([EncodeFixture.outgoing], options: EncodeOptions(), now: EncodeFixture.time(60))
        let batch = try LangfuseIngestion.decode(JSONValue.object(["batch": .array(events)]))
        #expect(batch.errors.isEmpty, "\(batch.errors)")
        let trace = try #require(batch.records.compactMap { if case .trace(let t) = $0 { t } else { nil } }.first)
        #expect(trace.id == UpstreamIds.trace("trace-1") && trace.sessionId == "sess-9" && trace.userId == "alice")
        let observations = batch.records.compactMap { if case .observation(let o) = $0 { o } else { nil } }
        let generation = try #require(observations.first { $0.id == UpstreamIds.span("gen-1") })
        #expect(generation.input == EncodeFixture.generation.input)
        #expect(generation.usage == EncodeFixture.generation.usage)
        #expect(generation.cost?.effectiveTotal == EncodeFixture.generation.cost?.effectiveTotal)
        #expect(generation.completionStartTime == EncodeFixture.generation.completionStartTime)
        // Older servers know generations, spans and events: agents and tools go as spans.
        #expect(observations.first { $0.id == UpstreamIds.span("agent-1") }?.kind == .span)
    }

    @Test("the same revision encodes byte for byte the same; a new revision gets new event ids")
    func deterministic() throws {
        let first = try LangfuseSpanEncoder.request([EncodeFixture.outgoing], options: EncodeOptions()).serializedData()
        let second = try LangfuseSpanEncoder.request([EncodeFixture.outgoing], options: EncodeOptions()).serializedData()
        #expect(first == second)
        let now = EncodeFixture.time(60)
        var later = EncodeFixture.outgoing
        later.revision = 8
        let ids = LangfuseEventEncoder.events([EncodeFixture.outgoing], options: EncodeOptions(), now: now).map { $0.objectValue?["id"] }
        let again = LangfuseEventEncoder.events([EncodeFixture.outgoing], options: EncodeOptions(), now: now).map { $0.objectValue?["id"] }
        let newer = LangfuseEventEncoder.events([later], options: EncodeOptions(), now: now).map { $0.objectValue?["id"] }
        #expect(ids == again)
        #expect(Set(ids).isDisjoint(with: Set(newer)))
    }

    @Test("a trace without observations travels on a span of its own, marked as the root")
    func bareTrace() throws {
        let outgoing = OutgoingTrace(trace: EncodeFixture.trace, includesTraceFields: true, observations: [], revision: 1)
        let request = LangfuseSpanEncoder.request([outgoing], options: EncodeOptions())
        let spans = request.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans)
        #expect(spans.count == 1)
        #expect(spans.first?.attributes.contains { $0.key == "langfuse.internal.as_root" && $0.value.stringValue == "true" } == true)
        let batch = try Self.decodedOTLP([outgoing])
        #expect(batch.traces.first?.name == "agent run")
    }

    @Test("redaction: no content leaves, structure, names, models, usage and cost do")
    func redaction() throws {
        let request = LangfuseSpanEncoder.request([EncodeFixture.outgoing], options: EncodeOptions(redact: true))
        let bytes = try request.serializedData()
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in ["Weather in Paris", "You are terse", "sunny, 21C", "Need the forecast", "\"city\"", "weather\"", "Sunny, 21C."] {
            #expect(!text.contains(secret), "\(secret) leaked")
        }
        #expect(text.contains(EncodeOptions.redactionMarker))
        let batch = try OTLPTraces.decode(protobuf: bytes)
        let generation = try #require(batch.observations.first { $0.id == UpstreamIds.span("gen-1") })
        #expect(generation.model == "claude-sonnet-4-5")
        #expect(generation.usage == EncodeFixture.generation.usage)
        #expect(generation.cost?.effectiveTotal == EncodeFixture.generation.cost?.effectiveTotal)
        let messages = try #require(generation.input?.messages)
        #expect(messages.map(\.role) == [.system, .user, .assistant, .tool])
        #expect(messages[2].toolCalls.map(\.name) == ["get_forecast"])
        #expect(messages[2].toolCalls.map(\.id) == ["call_1"])
    }

    @Test("ids: hex kept, UUIDs keep their digits, anything else hashes to a pinned value")
    func ids() {
        #expect(UpstreamIds.trace("AFE2489A847D24D97B95A7A0865C911A") == "afe2489a847d24d97b95a7a0865c911a")
        #expect(UpstreamIds.trace("3f2b8c1e-9d4a-4e7b-8c2d-1a2b3c4d5e6f") == "3f2b8c1e9d4a4e7b8c2d1a2b3c4d5e6f")
        #expect(UpstreamIds.span("b084e13dac350cb5") == "b084e13dac350cb5")
        // Pinned: a change here would duplicate every mirrored record upstream.
        #expect(UpstreamIds.trace("trace-1") == Self.pinnedTrace)
        #expect(UpstreamIds.span("gen-1") == Self.pinnedSpan)
        #expect(UpstreamIds.trace("trace-1") != UpstreamIds.trace("trace-2"))
        #expect(UpstreamIds.span("a").count == 16 && UpstreamIds.trace("a").count == 32)
    }

    static let pinnedTrace = "418be9cec219e1c41b19fe64384e5abd"
    static let pinnedSpan = "c4f5dceab427e858"
}
