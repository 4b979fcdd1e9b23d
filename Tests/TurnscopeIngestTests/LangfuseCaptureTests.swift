import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// The ingestion decoder against traffic captured from real clients on loopback
/// (`Fixtures/langfuse/*.json`, copied from the shared Langfuse reference): every record that
/// matters, field by field.
@Suite struct LangfuseCaptureTests {
    // MARK: - Fixtures

    /// The JSON body of the first request to `path` in a captured exchange, as the client sent it.
    static func body(of capture: String, path: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: capture, withExtension: "json", subdirectory: "Fixtures/langfuse"))
        let exchange = try JSONText.parse(try Data(contentsOf: url))
        let requests = try #require(exchange["requests"]?.arrayValue)
        let request = try #require(requests.first { $0["path"]?.stringValue == path })
        return JSONText.data(try #require(request["json_body"]))
    }

    static func time(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    static func records(_ capture: String) throws -> LangfuseBatch {
        try LangfuseIngestion.decode(try body(of: capture, path: "/api/public/ingestion"))
    }

    static func trace(_ batch: LangfuseBatch, at index: Int) throws -> TraceRecord {
        guard case .trace(let trace) = batch.records[index] else { throw Unexpected(record: batch.records[index]) }
        return trace
    }

    static func observation(_ batch: LangfuseBatch, at index: Int) throws -> ObservationRecord {
        guard case .observation(let observation) = batch.records[index] else { throw Unexpected(record: batch.records[index]) }
        return observation
    }

    static func score(_ batch: LangfuseBatch, at index: Int) throws -> ScoreRecord {
        guard case .score(let score) = batch.records[index] else { throw Unexpected(record: batch.records[index]) }
        return score
    }

    struct Unexpected: Error { let record: Record }

    // MARK: - Python SDK 2.60.10: every event type it sends

    @Test func pythonSDK2BatchIsAcceptedWhole() throws {
        let batch = try Self.records("python-sdk-2.60.10")
        #expect(batch.errors.isEmpty)
        #expect(batch.successes.count == 11)
        #expect(batch.successes.first == "9018cbaa-ebcf-4604-95cd-eec6145a1e10")
        #expect(batch.records.count == 11)
        // Creates first, then updates, each in envelope-timestamp order (Langfuse's sortBatch).
        #expect(batch.records.map(\.id) == [
            "415ff8cb-df77-4e1b-8d4d-017db7dca19b", "ef89b75f-9459-4dbf-97dc-938fa9a44127",
            "9412db30-69db-46f5-aba9-70e97e718eb2", "e94a7a18-1642-4e9c-8c03-062f4854df06",
            "19fb1a48-74c5-4ecc-a579-0a3ddba42492", "415ff8cb-df77-4e1b-8d4d-017db7dca19b",
            "f4df9611-e8a7-488f-89fe-1377f9fe32e5", "60b3aa85-7ce6-44b6-a845-ab225789adb3",
            "9412db30-69db-46f5-aba9-70e97e718eb2", "e94a7a18-1642-4e9c-8c03-062f4854df06",
            "ef89b75f-9459-4dbf-97dc-938fa9a44127",
        ])
    }

    @Test func pythonSDK2TraceAndItsUpdate() throws {
        let batch = try Self.records("python-sdk-2.60.10")
        let trace = try Self.trace(batch, at: 0)
        #expect(
            trace
                == TraceRecord(
                    id: "415ff8cb-df77-4e1b-8d4d-017db7dca19b", name: "my-trace", userId: "user-1", sessionId: "session-1",
                    timestamp: Self.time("2026-11-23T15:47:40.397183Z"), tags: ["t1", "t2"], metadata: ["k": "v"],
                    input: .json(["q": "hi"]), version: "1.0", eventTime: Self.time("2026-11-23T15:47:40.397306Z")))
        // The update is another trace-create with only the id and the new output: nothing else is
        // set, so the merge keeps the first event's fields.
        let update = try Self.trace(batch, at: 5)
        #expect(
            update
                == TraceRecord(
                    id: "415ff8cb-df77-4e1b-8d4d-017db7dca19b", output: .json(["a": "hello"]),
                    eventTime: Self.time("2026-11-23T15:47:40.402707Z")))
    }

    @Test func pythonSDK2SpanGenerationAndEvent() throws {
        let batch = try Self.records("python-sdk-2.60.10")
        let traceId = "415ff8cb-df77-4e1b-8d4d-017db7dca19b"
        let spanId = "ef89b75f-9459-4dbf-97dc-938fa9a44127"
        #expect(
            try Self.observation(batch, at: 1)
                == ObservationRecord(
                    id: spanId, traceId: traceId, kind: .span, name: "retrieval",
                    startTime: Self.time("2026-11-23T15:47:40.398038Z"), input: .json(["query": "x"]),
                    eventTime: Self.time("2026-11-23T15:47:40.398134Z")))
        #expect(
            try Self.observation(batch, at: 2)
                == ObservationRecord(
                    id: "9412db30-69db-46f5-aba9-70e97e718eb2", traceId: traceId, parentId: spanId, kind: .generation,
                    name: "llm-call", startTime: Self.time("2026-11-23T15:47:40.398591Z"),
                    completionStartTime: Self.time("2026-11-23T15:47:40.398166Z"), model: "gpt-4o-mini",
                    modelParameters: ["temperature": "0.2", "max_tokens": 100], input: .messages([.text(.user, "hi")]),
                    eventTime: Self.time("2026-11-23T15:47:40.399366Z")))
        #expect(
            try Self.observation(batch, at: 4)
                == ObservationRecord(
                    id: "19fb1a48-74c5-4ecc-a579-0a3ddba42492", traceId: traceId, parentId: spanId, kind: .event,
                    name: "an-event", startTime: Self.time("2026-11-23T15:47:40.402478Z"), input: .json(["e": 1]),
                    level: .warning, statusMessage: "warn", eventTime: Self.time("2026-11-23T15:47:40.402546Z")))
    }

    @Test func pythonSDK2UpdatesCarryOutputUsageAndCost() throws {
        let batch = try Self.records("python-sdk-2.60.10")
        let traceId = "415ff8cb-df77-4e1b-8d4d-017db7dca19b"
        // generation-update: the assistant reply as a message, usageDetails with a cache read, and
        // the client's cost parts; no start time, so the create's stays.
        #expect(
            try Self.observation(batch, at: 8)
                == ObservationRecord(
                    id: "9412db30-69db-46f5-aba9-70e97e718eb2", traceId: traceId, kind: .generation,
                    endTime: Self.time("2026-11-23T15:47:40.399400Z"), output: .messages([.text(.assistant, "hello")]),
                    usage: Usage(input: 10, output: 5, cacheRead: 2), cost: Cost(total: nil, parts: ["input": 0.0001, "output": 0.0002]),
                    eventTime: Self.time("2026-11-23T15:47:40.400537Z")))
        // Legacy `usage` with unit TOKENS.
        let legacy = try Self.observation(batch, at: 3)
        #expect(legacy.name == "legacy-usage")
        #expect(legacy.model == "gpt-3.5-turbo")
        #expect(legacy.usage == Usage(input: 7, output: 3, total: 10))
        #expect(legacy.cost == nil)
        // span-update is sent for every kind of observation, so it names none.
        #expect(
            try Self.observation(batch, at: 10)
                == ObservationRecord(
                    id: "ef89b75f-9459-4dbf-97dc-938fa9a44127", traceId: traceId, kind: nil,
                    endTime: Self.time("2026-11-23T15:47:40.402559Z"), output: .json(["docs": 3]),
                    eventTime: Self.time("2026-11-23T15:47:40.402615Z")))
    }

    @Test func pythonSDK2Scores() throws {
        let batch = try Self.records("python-sdk-2.60.10")
        #expect(
            try Self.score(batch, at: 6)
                == ScoreRecord(
                    id: "f4df9611-e8a7-488f-89fe-1377f9fe32e5", name: "quality", value: .number(0.9),
                    traceId: "415ff8cb-df77-4e1b-8d4d-017db7dca19b", comment: "good",
                    timestamp: Self.time("2026-11-23T15:47:40.402775Z")))
        #expect(
            try Self.score(batch, at: 7)
                == ScoreRecord(
                    id: "60b3aa85-7ce6-44b6-a845-ab225789adb3", name: "cat", value: .string("good"), dataType: "CATEGORICAL",
                    traceId: "415ff8cb-df77-4e1b-8d4d-017db7dca19b", timestamp: Self.time("2026-11-23T15:47:40.402828Z")))
    }

    // MARK: - litellm 1.103.11 with the Python SDK 2 callback

    @Test func litellmTraceIsAChat() throws {
        let batch = try Self.records("litellm-1.103.11_langfuse-2.60.10")
        #expect(batch.errors.isEmpty)
        #expect(batch.successes.count == 4)
        #expect(batch.records.count == 4)
        // Litellm's trace id is the session id; input `{"messages": […]}` and the assistant
        // message with null tool_calls / function_call both read as chats.
        #expect(
            try Self.trace(batch, at: 0)
                == TraceRecord(
                    id: "session-1", name: "trace-name", userId: "user-1", sessionId: "session-1",
                    timestamp: Self.time("2026-11-23T15:51:25.988200Z"), tags: ["t1", "t2"],
                    input: .messages([.text(.user, "hi")]), output: .messages([.text(.assistant, "hello there")]),
                    eventTime: Self.time("2026-11-23T15:51:25.988337Z")))
    }

    @Test func litellmGenerationUsageAndClientCost() throws {
        let batch = try Self.records("litellm-1.103.11_langfuse-2.60.10")
        let generation = try Self.observation(batch, at: 1)
        #expect(generation.id == "time-15-51-25-401566_chatcmpl-b1da9093-55c0-48d1-baca-e1fa738a6c0d")
        #expect(generation.traceId == "session-1")
        #expect(generation.kind == .generation)
        #expect(generation.name == "gen-name")
        #expect(generation.model == "gpt-4o-mini")
        #expect(generation.modelParameters == ["temperature": "0.2", "max_tokens": 50, "user": "end-user-x", "extra_body": "{}"])
        #expect(generation.input == .messages([.text(.user, "hi")]))
        #expect(generation.output == .messages([.text(.assistant, "hello there")]))
        #expect(generation.level == .default)
        #expect(generation.startTime == Self.time("2026-11-23T15:51:25.401566Z"))
        #expect(generation.endTime == Self.time("2026-11-23T15:51:25.982839Z"))
        #expect(generation.completionStartTime == Self.time("2026-11-23T15:51:25.982839Z"))
        // `usage` {input, output, unit, totalCost} under `usageDetails` {input, output, total,
        // cache_creation_input_tokens, cache_read_input_tokens}: the details win where both speak.
        #expect(generation.usage == Usage(input: 10, output: 20, cacheRead: 0, cacheWrite5m: 0, total: 30))
        // litellm's response cost arrives as the legacy `usage.totalCost`.
        #expect(generation.cost == Cost(total: 1.35e-05))
        #expect(generation.metadata?["litellm_response_cost"] == .number(1.35e-05))
        #expect(generation.metadata?["hidden_params"]?["litellm_model_name"] == "gpt-4o-mini")
    }

    @Test func litellmFailedCall() throws {
        let batch = try Self.records("litellm-1.103.11_langfuse-2.60.10")
        let trace = try Self.trace(batch, at: 2)
        #expect(trace.id == "2a2b524e-51e0-40fd-bb33-d8d8ae5c1dbe")
        #expect(trace.name == "litellm-completion")
        #expect(trace.tags == [])
        #expect(trace.input == .messages([.text(.user, "fail")]))
        let failed = try Self.observation(batch, at: 3)
        let message = "litellm.InternalServerError: InternalServerError: OpenAIException - litellm.MockException: boom"
        #expect(failed.level == .error)
        #expect(failed.statusMessage == message)
        #expect(failed.output == .json(.string(message)))
        #expect(failed.usage == nil)
        #expect(failed.cost == nil)
        #expect(failed.modelParameters == ["extra_body": "{}"])
    }

    // MARK: - Scores from Python SDK 3 (ingestion) and 5 (scores API)

    @Test func pythonSDK3ScoresThroughIngestion() throws {
        let batch = try Self.records("python-sdk-3.14.6")
        #expect(batch.errors.isEmpty)
        #expect(batch.successes == ["6515fe3880a8a30e42af35cfd7498b22", "ff81790503ced40fb62f94f27b774403"])
        #expect(
            try Self.score(batch, at: 0)
                == ScoreRecord(
                    id: "0f4ac60e2f7975ca", name: "quality", value: .number(0.9), traceId: "32d07e51db9ef3c6b58ae8274c15a34d",
                    observationId: "0bab4b89b6da60b4", comment: "good", timestamp: Self.time("2026-11-23T15:48:02.863576Z"),
                    environment: "staging"))
        #expect(
            try Self.score(batch, at: 1)
                == ScoreRecord(
                    id: "e60f98d1ab051959", name: "trace-quality", value: .number(1), dataType: "BOOLEAN",
                    traceId: "32d07e51db9ef3c6b58ae8274c15a34d", timestamp: Self.time("2026-11-23T15:48:02.863886Z"),
                    environment: "staging"))
    }

    @Test func pythonSDK5ScoresArray() throws {
        let scores = try LangfuseScores.decode(try Self.body(of: "python-sdk-5.0.4", path: "/api/public/scores"))
        #expect(scores.errors.isEmpty)
        #expect(
            scores.records == [
                .score(
                    ScoreRecord(
                        id: "3e94ec3fd5bf111a", name: "quality", value: .number(0.9), traceId: "afe2489a847d24d97b95a7a0865c911a",
                        observationId: "b084e13dac350cb5", comment: "good", timestamp: Self.time("2026-11-23T15:47:54.457183Z"),
                        environment: "staging")),
                .score(
                    ScoreRecord(
                        id: "4160c4ee863a964e", name: "trace-quality", value: .number(1), dataType: "BOOLEAN",
                        traceId: "afe2489a847d24d97b95a7a0865c911a", timestamp: Self.time("2026-11-23T15:47:54.457326Z"),
                        environment: "staging")),
            ])
    }
}
