import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// What the real third-party instrumentations sent for three calls (a whole answer, a streamed
/// one, a tool call) to the interop suite's fake model, captured as OTLP/JSON by
/// `Fixtures/otlp/instrumentations/capture.py`: openai-v2 2.4b0 (content on spans, or as log
/// events), OpenInference OpenAI 0.1.66 and Anthropic 3.1.0, OpenLLMetry OpenAI 0.62.4, and the
/// anthropic SDK 2.17's own spans. Each test pins a fact one of them sends in its own way.
@Suite struct OTLPInstrumentationCaptureTests {
    static func data(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/otlp/instrumentations"))
        return try Data(contentsOf: url)
    }

    static func traces(_ instrumentation: String) throws -> OTLPBatch {
        try OTLPTraces.decode(json: data("\(instrumentation)_traces"))
    }

    static func metadata(_ batch: OTLPBatch, _ ids: [String], _ key: String) throws -> [JSONValue?] {
        try ids.map { try batch.observation($0).metadata?[key] }
    }

    /// OpenLLMetry says `gen_ai.is_streaming` on every call, false too, and marks each chunk with
    /// a span event; the first one's time is the first token.
    @Test func openLLMetryStreamingFlagAndFirstChunk() throws {
        let batch = try Self.traces("openllmetry-openai")
        let calls = ["7e5c52426298e882", "3bfd92e309e743a2", "db68922567355844"]
        #expect(try Self.metadata(batch, calls, "stream") == [false, true, false])
        #expect(try Self.metadata(batch, calls, "finishReason") == ["stop", "stop", "tool_call"])
        #expect(try batch.observation(calls[1]).completionStartTime == Timestamp(microseconds: 1_796_635_097_990_925))
        // Read into the fact, not kept again among the unmapped attributes.
        #expect(try calls.allSatisfy { try batch.observation($0).metadata?["attributes"]?["gen_ai.is_streaming"] == nil })
    }

    /// OpenInference names no response id; its LLM span's JSON `output.value` is the provider's
    /// response, whose `id` is the one the proxy and the other conventions record.
    @Test func openInferenceResponseIdFromTheOutputValue() throws {
        let openAI = try Self.traces("openinference-openai")
        let chat = ["ee52b23c72d529f3", "ab2c32c0c3e5a2c1", "8823c92647cd6666"]
        #expect(
            try Self.metadata(openAI, chat, "responseId") == [
                "chatcmpl-2f28617c00001", "chatcmpl-2f28617c00002", "chatcmpl-2f28617c00003",
            ])
        let anthropic = try Self.traces("openinference-anthropic")
        let messages = ["93ef3c519504606b", "47490905693c8b98", "15d74bcbb789a8a4"]
        #expect(
            try Self.metadata(anthropic, messages, "responseId") == [
                "msg_ae24cc7600001", "msg_ae24cc7600003", "msg_ae24cc7600005",
            ])
        // The application's own span has no response to name.
        #expect(try openAI.observation("ffba6a7e6cd210a7").metadata?["responseId"] == nil)
    }

    /// OpenInference's Anthropic instrumentation sends no first-token event and no streaming flag;
    /// only its invocation parameters say `stream: true`.
    @Test func openInferenceStreamFromTheInvocationParameters() throws {
        let batch = try Self.traces("openinference-anthropic")
        let messages = ["93ef3c519504606b", "47490905693c8b98", "15d74bcbb789a8a4"]
        #expect(try Self.metadata(batch, messages, "stream") == [nil, true, nil])
        let openAI = try Self.traces("openinference-openai")
        #expect(
            try Self.metadata(openAI, ["ee52b23c72d529f3", "ab2c32c0c3e5a2c1", "8823c92647cd6666"], "stream") == [
                nil, true, nil,
            ])
    }

    /// The anthropic SDK's own span says how long the first chunk took, in seconds after its start.
    @Test func anthropicSDKTimeToFirstChunk() throws {
        let batch = try Self.traces("openinference-anthropic")
        let streamed = try batch.observation("1d4486b68d119484")
        #expect(streamed.completionStartTime == Timestamp(microseconds: 1_796_635_059_266_613))
        #expect(streamed.metadata?["stream"] == true)
        #expect(streamed.metadata?["attributes"]?["gen_ai.response.time_to_first_chunk"] == nil)
        #expect(try batch.observation("aee051fc052e8039").completionStartTime == nil)
    }

    /// openai-v2 leaves `gen_ai.response.finish_reasons` out on a streamed call; its output
    /// messages still carry `finish_reason`, on the span and on the log event alike.
    @Test func openAIV2FinishReasonFromTheOutputMessages() throws {
        let spans = try Self.traces("openai-v2-spans")
        let calls = ["6464194457aaeca2", "580d3707a11ee30e", "e0b39ab013d688fe"]
        #expect(try Self.metadata(spans, calls, "finishReason") == ["stop", "stop", "tool_calls"])

        let events = try OTLPLogs.decode(json: Self.data("openai-v2-events_logs"))
        let byId = Dictionary(uniqueKeysWithValues: events.observations.map { ($0.id, $0) })
        let eventCalls = ["4f0a6fa2c03c2d82", "2e69ea4362ecb5ca", "7315d88e36d0f8c4"]
        // The keys the span mapping writes, so the event's facts and its span's are one set.
        #expect(eventCalls.map { byId[$0]?.metadata?["finishReason"] } == ["stop", "stop", "tool_calls"])
        #expect(eventCalls.map { byId[$0]?.metadata?["provider"] } == ["openai", "openai", "openai"])
        #expect(eventCalls.map { byId[$0]?.metadata?["responseId"] } == [
            "chatcmpl-e7903aa400001", "chatcmpl-e7903aa400002", "chatcmpl-e7903aa400003",
        ])
        #expect(eventCalls.allSatisfy { byId[$0]?.metadata?["finishReasons"] == nil })
    }
}
