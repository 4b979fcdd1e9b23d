import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// What the ingestion decoder refuses, with the exact message, and what it accepts although it
/// looks odd: only events Langfuse would refuse may be refused, since SDKs resend the whole batch
/// when any event fails.
@Suite struct LangfuseValidationTests {
    static let stamp = "2026-11-23T15:47:40.397306Z"

    /// A batch of the given events.
    static func decode(_ events: JSONValue...) throws -> LangfuseBatch {
        try LangfuseIngestion.decode(JSONText.data(["batch": .array(events), "metadata": ["sdk_name": "python"]]))
    }

    /// An event envelope around a body.
    static func event(_ type: String, _ body: JSONValue, id: String = "e-1", timestamp: JSONValue = .string(stamp)) -> JSONValue {
        ["id": .string(id), "type": .string(type), "timestamp": timestamp, "body": body]
    }

    /// The single error of a one-event batch.
    static func error(_ event: JSONValue) throws -> LangfuseEventError {
        let batch = try decode(event)
        #expect(batch.successes.isEmpty)
        #expect(batch.records.isEmpty)
        return try #require(batch.errors.first)
    }

    /// The single record of a one-event batch.
    static func record(_ event: JSONValue) throws -> Record {
        let batch = try decode(event)
        #expect(batch.errors.isEmpty, "\(batch.errors)")
        return try #require(batch.records.first)
    }

    static func observation(_ event: JSONValue) throws -> ObservationRecord {
        guard case .observation(let observation) = try record(event) else { throw Unexpected() }
        return observation
    }

    struct Unexpected: Error {}

    // MARK: - The whole body

    @Test func bodyErrorsThrow() {
        #expect(throws: LangfuseBatchError.self) { try LangfuseIngestion.decode(Data("{\"batch\": [".utf8)) }
        do throws(LangfuseBatchError) {
            _ = try LangfuseIngestion.decode(Data("{\"batch\": [".utf8))
        } catch {
            #expect(error.reason.hasPrefix("malformed JSON at line 1"))
        }
        #expect(throws: LangfuseBatchError(reason: "batch: is required")) {
            try LangfuseIngestion.decode(Data(#"{"metadata": {}}"#.utf8))
        }
        #expect(throws: LangfuseBatchError(reason: "batch: expected an array of events, got an object")) {
            try LangfuseIngestion.decode(Data(#"{"batch": {}}"#.utf8))
        }
        #expect(throws: LangfuseBatchError(reason: "expected an object {\"batch\": [events]}, got an array")) {
            try LangfuseIngestion.decode(Data("[]".utf8))
        }
    }

    @Test func emptyBatchIsFine() throws {
        #expect(try LangfuseIngestion.decode(Data(#"{"batch": []}"#.utf8)) == LangfuseBatch())
    }

    // MARK: - Envelope

    @Test func eventMustBeAnObject() throws {
        #expect(
            try Self.error("not an event")
                == LangfuseEventError(id: "unknown", status: 400, message: "Invalid request data", error: "event 1: expected an event object, got a string"))
    }

    @Test func envelopeId() throws {
        var event = Self.event("trace-create", ["id": "t-1"])
        event = .object(event.objectValue!.filter { $0.key != "id" })
        #expect(try Self.error(event) == LangfuseEventError(id: "unknown", error: "event 1 (trace-create t-1): id: is required"))
        #expect(try Self.error(Self.event("trace-create", ["id": "t-1"], id: "")).error == "event 1 (trace-create t-1): id: must not be empty")
        #expect(
            try Self.error(Self.event("trace-create", ["id": "t-1"], id: String(repeating: "x", count: 801))).error
                == "event 1 (trace-create t-1): id: must be at most 800 characters, got 801")
        let carriageReturn = try Self.error(Self.event("trace-create", ["id": "t-1"], id: "a\r\nb"))
        #expect(carriageReturn.id == "a\r\nb")
        #expect(carriageReturn.error == "event 1 (trace-create t-1): id: must not contain a carriage return")
        // 800 characters is fine.
        #expect(try Self.decode(Self.event("trace-create", ["id": "t-1"], id: String(repeating: "x", count: 800))).errors.isEmpty)
    }

    @Test func eventType() throws {
        var event = Self.event("trace-create", ["id": "t-1"])
        event = .object(event.objectValue!.filter { $0.key != "type" })
        #expect(try Self.error(event) == LangfuseEventError(id: "e-1", error: "event 1: type: is required"))
        let unknown = try Self.error(Self.event("trace-upsert", ["id": "t-1"]))
        #expect(unknown.id == "e-1")
        #expect(unknown.status == 400)
        #expect(unknown.error.hasPrefix("event 1 (trace-upsert t-1): type: unknown event type \"trace-upsert\" (trace-create, span-create,"))
        #expect(
            try Self.error(Self.event("dataset-run-item-create", ["id": "r-1"])).error
                == "event 1 (dataset-run-item-create r-1): type: dataset-run-item-create is only allowed for Langfuse's internal use")
    }

    @Test(arguments: [
        ("2026-11-23T15:47:40", "2026-11-23T15:47:40"),
        ("2026-11-23 15:47:40Z", "2026-11-23 15:47:40Z"),
        ("2026-11-23T15:47:40z", "2026-11-23T15:47:40z"),
        ("2026-11-23T15:47:40+0000", "2026-11-23T15:47:40+0000"),
    ])
    func envelopeTimestampMustHaveAZone(text: String, shown: String) throws {
        #expect(
            try Self.error(Self.event("span-create", ["id": "s-1"], timestamp: .string(text))).error
                == "event 1 (span-create s-1): timestamp: not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): \(shown)")
    }

    @Test func envelopeTimestampRequiredAndAString() throws {
        var event = Self.event("span-create", ["id": "s-1"])
        event = .object(event.objectValue!.filter { $0.key != "timestamp" })
        #expect(try Self.error(event).error == "event 1 (span-create s-1): timestamp: is required")
        #expect(
            try Self.error(Self.event("span-create", ["id": "s-1"], timestamp: 1_795_448_874)).error
                == "event 1 (span-create s-1): timestamp: expected a string, got a number")
        // Offsets and any number of fraction digits are fine.
        #expect(try Self.decode(Self.event("span-create", ["id": "s-1"], timestamp: "2026-11-23T16:47+01:00")).errors.isEmpty)
        #expect(try Self.decode(Self.event("span-create", ["id": "s-1"], timestamp: "2026-11-23T15:47:40.123456789Z")).errors.isEmpty)
    }

    @Test func bodyRequiredAndAnObject() throws {
        var event = Self.event("span-create", ["id": "s-1"])
        event = .object(event.objectValue!.filter { $0.key != "body" })
        #expect(try Self.error(event).error == "event 1 (span-create): body: is required")
        #expect(try Self.error(Self.event("span-create", "text")).error == "event 1 (span-create): body: expected an object, got a string")
    }

    // MARK: - Bodies

    @Test func bodyDatetimeNamesEventAndField() throws {
        let batch = try Self.decode(
            Self.event("trace-create", ["id": "415ff8cb"], id: "e-1"),
            Self.event("span-create", ["id": "ef89b75f"], id: "e-2"),
            Self.event(
                "generation-create", ["id": "9412db30-69db-46f5-aba9-70e97e718eb2", "startTime": "2026-11-23T15:47:40.398591"],
                id: "40065cdd"))
        #expect(batch.successes == ["e-1", "e-2"])
        #expect(
            batch.errors == [
                LangfuseEventError(
                    id: "40065cdd",
                    error: "event 3 (generation-create 9412db30-69db-46f5-aba9-70e97e718eb2): body.startTime: "
                        + "not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): 2026-11-23T15:47:40.398591")
            ])
        for key in ["endTime", "completionStartTime"] {
            #expect(
                try Self.error(Self.event("generation-update", ["id": "g", key: "yesterday"])).error
                    == "event 1 (generation-update g): body.\(key): not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): yesterday")
        }
        #expect(
            try Self.error(Self.event("trace-create", ["id": "t", "timestamp": "2026-11-23"])).error
                == "event 1 (trace-create t): body.timestamp: not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): 2026-11-23")
    }

    @Test func levelIsAStrictEnum() throws {
        #expect(
            try Self.error(Self.event("event-create", ["id": "v", "level": "warning"])).error
                == "event 1 (event-create v): body.level: must be DEBUG, DEFAULT, WARNING or ERROR, got \"warning\"")
        #expect(try Self.observation(Self.event("event-create", ["id": "v", "level": "DEBUG"])).level == .debug)
    }

    @Test func promptNameAndVersionComeTogether() throws {
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "promptName": "p"])).error
                == "event 1 (generation-create g): body.promptVersion: is required with promptName (send both or neither)")
        #expect(
            try Self.error(Self.event("generation-update", ["id": "g", "promptVersion": 3])).error
                == "event 1 (generation-update g): body.promptName: is required with promptVersion (send both or neither)")
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "promptName": "p", "promptVersion": 1.5])).error
                == "event 1 (generation-create g): body.promptVersion: expected an integer, got a number")
        #expect(try Self.decode(Self.event("generation-create", ["id": "g", "promptName": "p", "promptVersion": 2])).errors.isEmpty)
        #expect(try Self.decode(Self.event("generation-create", ["id": "g", "promptName": "", "promptVersion": 0])).errors.isEmpty)
        // Spans have no prompt fields: Langfuse strips them unread.
        #expect(try Self.decode(Self.event("span-create", ["id": "s", "promptName": "p"])).errors.isEmpty)
    }

    @Test func legacyUsageMustHoldIntegers() throws {
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "usage": ["input": 7.5, "output": 3]])).error
                == "event 1 (generation-create g): body.usage.input: expected an integer, got a number")
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "usage": ["promptTokens": "7"]])).error
                == "event 1 (generation-create g): body.usage.promptTokens: expected an integer, got a string")
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "usage": ["input": 7, "unit": "WORDS"]])).error
                == "event 1 (generation-create g): body.usage.unit: must be one of CHARACTERS, IMAGES, MILLISECONDS, REQUESTS, SECONDS, TOKENS, got \"WORDS\"")
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "usage": ["totalCost": "0.1"]])).error
                == "event 1 (generation-create g): body.usage.totalCost: expected a number, got a string")
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "usage": [1, 2]])).error
                == "event 1 (generation-create g): body.usage: expected an object, got an array")
        // A float without a fraction is an integer to JavaScript too.
        #expect(try Self.observation(Self.event("generation-create", ["id": "g", "usage": ["input": 7.0]])).usage == Usage(input: 7))
    }

    @Test func usageDetailsDropBadCountersSilently() throws {
        let generation = try Self.observation(
            Self.event(
                "generation-create",
                ["id": "g", "usageDetails": ["input": 1.5, "output": -3, "total": "12", "cache_read_input_tokens": "x", "web_search_requests": 2]]))
        #expect(generation.usage == Usage(total: 12, other: ["web_search_requests": 2]))
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "usageDetails": "lots"])).error
                == "event 1 (generation-create g): body.usageDetails: expected an object, got a string")
        let costly = try Self.observation(
            Self.event("generation-create", ["id": "g", "costDetails": ["input": -1, "output": "0.2", "total": 0.5]]))
        #expect(costly.cost == Cost(total: 0.5))
    }

    @Test func costDetailsOverrideLegacyCost() throws {
        let generation = try Self.observation(
            Self.event(
                "generation-create",
                [
                    "id": "g", "usage": ["input": 4, "inputCost": 0.1, "outputCost": 0.2, "totalCost": 0.3],
                    "costDetails": ["output": 0.25, "cache_read_input_tokens": 0.01],
                ]))
        #expect(generation.cost == Cost(total: 0.3, parts: ["input": 0.1, "output": 0.25, "cacheRead": 0.01]))
        #expect(generation.usage == Usage(input: 4))
    }

    @Test func typedFieldsAreChecked() throws {
        #expect(
            try Self.error(Self.event("span-create", ["id": "s", "name": 7])).error
                == "event 1 (span-create s): body.name: expected a string, got a number")
        #expect(
            try Self.error(Self.event("trace-create", ["id": "t", "tags": ["a", 2]])).error
                == "event 1 (trace-create t): body.tags[1]: expected a string, got a number")
        #expect(
            try Self.error(Self.event("trace-create", ["id": "t", "name": .string(String(repeating: "n", count: 1001))])).error
                == "event 1 (trace-create t): body.name: must be at most 1000 characters, got 1001")
        #expect(
            try Self.error(Self.event("trace-create", ["id": "t", "public": "yes"])).error
                == "event 1 (trace-create t): body.public: expected a boolean, got a string")
        #expect(
            try Self.error(Self.event("span-create", ["id": "s", "traceId": ""])).error
                == "event 1 (span-create s): body.traceId: must not be empty")
        #expect(
            try Self.error(Self.event("generation-create", ["id": "g", "modelParameters": ["a", "b"]])).error
                == "event 1 (generation-create g): body.modelParameters: expected an object, got an array")
        #expect(
            try Self.error(Self.event("span-create", ["id": 12])).error
                == "event 1 (span-create): body.id: expected a string, got a number")
    }

    @Test func unknownBodyKeysAreIgnored() throws {
        // litellm sends `status_message` on traces; an event-create has no endTime to check.
        let batch = try Self.decode(
            Self.event("trace-create", ["id": "t", "status_message": "boom", "anything": [1, 2]]),
            Self.event("event-create", ["id": "v", "endTime": "not checked"], id: "e-2"))
        #expect(batch.errors.isEmpty)
        #expect(batch.records.count == 2)
    }

    // MARK: - Accepted without a record

    @Test func sdkLogIsAcknowledgedAndDropped() throws {
        let batch = try Self.decode(Self.event("sdk-log", ["log": "flush failed"], id: "log-1"))
        #expect(batch == LangfuseBatch(records: [], successes: ["log-1"], errors: []))
    }

    @Test func bodiesWithoutIdAreAcknowledgedAndDropped() throws {
        let batch = try Self.decode(
            Self.event("trace-create", ["name": "no id"], id: "e-1"),
            Self.event("score-create", ["name": "quality", "value": 1, "traceId": "t"], id: "e-2"),
            Self.event("observation-create", ["type": "SPAN", "name": "legacy"], id: "e-3"))
        #expect(batch == LangfuseBatch(records: [], successes: ["e-1", "e-2", "e-3"], errors: []))
    }

    @Test func currentObservationSchemasRequireAnId() throws {
        for type in ["span-create", "span-update", "generation-create", "generation-update", "event-create", "agent-create"] {
            #expect(
                try Self.error(Self.event(type, ["name": "x"])).error == "event 1 (\(type)): body.id: is required")
        }
    }

    @Test func invalidBodyWithoutIdIsStillAnError() throws {
        #expect(
            try Self.error(Self.event("trace-create", ["tags": "t"])).error
                == "event 1 (trace-create): body.tags: expected an array, got a string")
    }

    // MARK: - Good and bad together

    @Test func goodEventsSurviveBadOnes() throws {
        let batch = try Self.decode(
            Self.event("trace-create", ["id": "t-1", "name": "kept"], id: "e-1"),
            Self.event("span-create", ["id": "s-1", "level": "LOUD"], id: "e-2"),
            Self.event("generation-create", ["id": "g-1", "traceId": "t-1", "model": "gpt-4o"], id: "e-3"),
            Self.event("no-such-type", ["id": "x"], id: "e-4"),
            Self.event("span-update", ["id": "s-2", "endTime": "2026-11-23T15:47:41Z"], id: "e-5"))
        #expect(batch.successes == ["e-1", "e-3", "e-5"])
        #expect(batch.errors.map(\.id) == ["e-2", "e-4"])
        #expect(batch.errors.allSatisfy { $0.status == 400 && $0.message == "Invalid request data" })
        #expect(batch.errors[0].error == "event 2 (span-create s-1): body.level: must be DEBUG, DEFAULT, WARNING or ERROR, got \"LOUD\"")
        #expect(batch.records.map(\.id) == ["t-1", "g-1", "s-2"])
    }

    // MARK: - Mapping

    @Test func kindComesFromTheEventType() throws {
        let kinds: [(String, ObservationKind?)] = [
            ("span-create", .span), ("span-update", nil), ("generation-create", .generation),
            ("generation-update", .generation), ("event-create", .event), ("agent-create", .agent),
            ("tool-create", .tool), ("chain-create", .chain), ("retriever-create", .retriever),
            ("evaluator-create", .evaluator), ("embedding-create", .embedding), ("guardrail-create", .guardrail),
        ]
        for (type, kind) in kinds {
            #expect(try Self.observation(Self.event(type, ["id": "o"])).kind == kind, "\(type)")
        }
        // Agent, tool, … creates take generation fields.
        let tool = try Self.observation(Self.event("tool-create", ["id": "o", "model": "m", "usageDetails": ["input": 3]]))
        #expect(tool.model == "m")
        #expect(tool.usage == Usage(input: 3))
    }

    @Test func legacyObservationEventsNameTheirKindInTheBody() throws {
        #expect(try Self.observation(Self.event("observation-create", ["id": "o", "type": "GENERATION"])).kind == .generation)
        #expect(try Self.observation(Self.event("observation-update", ["id": "o", "type": "EVENT"])).kind == .event)
        #expect(
            try Self.error(Self.event("observation-create", ["id": "o", "type": "generation"])).error
                == "event 1 (observation-create o): body.type: must be GENERATION, SPAN or EVENT, got \"generation\"")
        #expect(
            try Self.error(Self.event("observation-create", ["id": "o"])).error
                == "event 1 (observation-create o): body.type: is required (GENERATION, SPAN or EVENT)")
    }

    @Test func createsDefaultTheirStartToTheEnvelopeTimestamp() throws {
        let envelope = Timestamp(iso8601: Self.stamp)!
        #expect(try Self.observation(Self.event("span-create", ["id": "s"])).startTime == envelope)
        #expect(try Self.observation(Self.event("event-create", ["id": "v"])).startTime == envelope)
        #expect(try Self.observation(Self.event("observation-create", ["id": "o", "type": "SPAN"])).startTime == envelope)
        #expect(try Self.observation(Self.event("span-update", ["id": "s"])).startTime == nil)
        #expect(try Self.observation(Self.event("generation-update", ["id": "g"])).startTime == nil)
        #expect(try Self.observation(Self.event("observation-update", ["id": "o", "type": "SPAN"])).startTime == nil)
        let explicit = try Self.observation(Self.event("span-create", ["id": "s", "startTime": "2026-11-23T15:00:00Z"]))
        #expect(explicit.startTime == Timestamp(iso8601: "2026-11-23T15:00:00Z"))
        #expect(explicit.eventTime == envelope)
    }

    @Test func updatesFollowCreatesLikeOnTheServer() throws {
        let batch = try Self.decode(
            Self.event("span-update", ["id": "a"], id: "e-1", timestamp: "2026-11-23T15:00:00Z"),
            Self.event("agent-create", ["id": "a"], id: "e-2", timestamp: "2026-11-23T15:00:02Z"),
            Self.event("trace-create", ["id": "t"], id: "e-3", timestamp: "2026-11-23T15:00:01Z"))
        #expect(batch.successes == ["e-1", "e-2", "e-3"])
        #expect(batch.records.map(\.id) == ["t", "a", "a"])
        guard case .observation(let first) = batch.records[1] else { throw Unexpected() }
        #expect(first.kind == .agent)
    }

    @Test(arguments: [
        ("production", "production"), ("Production", "production"), ("langfuse-prod", "prod"),
        ("langfuse_langfuse-staging", "staging"), ("LANGFUSEdev", "dev"), ("langfuse", "default"),
        ("prod env", "default"), ("prod/eu", "default"), ("", "default"), ("büro", "default"),
        ("a-b_c-9", "a-b_c-9"),
        (String(repeating: "e", count: 45), String(repeating: "e", count: 40)),
    ])
    func environmentIsNormalized(raw: String, normalized: String) throws {
        #expect(LangfuseEnvironment.normalize(raw) == normalized)
        let observation = try Self.observation(Self.event("span-create", ["id": "s", "environment": .string(raw)]))
        #expect(observation.environment == normalized)
    }

    @Test func absentEnvironmentStaysAbsent() throws {
        #expect(try Self.observation(Self.event("span-create", ["id": "s"])).environment == nil)
    }

    @Test func generationRequestSettingsBecomeModelParameters() throws {
        // Langfuse's OpenAI integration: input {"messages", "tools", "tool_choice"} when tools are used.
        let tools: JSONValue = [["type": "function", "function": ["name": "get_weather", "parameters": ["type": "object"]]]]
        let generation = try Self.observation(
            Self.event(
                "generation-create",
                [
                    "id": "g", "modelParameters": ["temperature": 0, "tool_choice": "required"],
                    "input": ["messages": [["role": "user", "content": "Weather?"]], "tools": tools, "tool_choice": "auto"],
                ]))
        #expect(generation.input == .messages([.text(.user, "Weather?")]))
        #expect(generation.modelParameters == ["temperature": 0, "tool_choice": "required", "tools": tools])
        // A span keeps such an input whole.
        let span = try Self.observation(
            Self.event("span-create", ["id": "s", "input": ["messages": [["role": "user", "content": "Weather?"]], "tools": tools]]))
        #expect(span.input == .json(["messages": [["role": "user", "content": "Weather?"]], "tools": tools]))
    }

    // MARK: - Scores

    static func scoreError(_ body: JSONValue) throws -> String {
        try error(event("score-create", body)).error
    }

    @Test func scoreRules() throws {
        #expect(try Self.scoreError(["id": "s", "value": 1, "traceId": "t"]) == "event 1 (score-create s): body.name: is required")
        #expect(try Self.scoreError(["id": "s", "name": "", "value": 1, "traceId": "t"]) == "event 1 (score-create s): body.name: must not be empty")
        #expect(try Self.scoreError(["id": "s", "name": "q", "traceId": "t"]) == "event 1 (score-create s): body.value: is required")
        #expect(
            try Self.scoreError(["id": "s", "name": "q", "value": true, "traceId": "t"])
                == "event 1 (score-create s): body.value: expected a number or a string, got a boolean")
        #expect(
            try Self.scoreError(["id": "s", "name": "q", "value": "high", "dataType": "NUMERIC", "traceId": "t"])
                == "event 1 (score-create s): body.value: expected a number for data type NUMERIC, got a string")
        #expect(
            try Self.scoreError(["id": "s", "name": "q", "value": 0.5, "dataType": "BOOLEAN", "traceId": "t"])
                == "event 1 (score-create s): body.value: must be 0 or 1 for data type BOOLEAN, got 0.5")
        #expect(
            try Self.scoreError(["id": "s", "name": "q", "value": 1, "dataType": "CATEGORICAL", "traceId": "t"])
                == "event 1 (score-create s): body.value: expected a string for data type CATEGORICAL, got a number")
        #expect(
            try Self.scoreError(["id": "s", "name": "q", "value": .string(String(repeating: "w", count: 501)), "dataType": "TEXT", "traceId": "t"])
                == "event 1 (score-create s): body.value: must be 1 to 500 characters for data type TEXT, got 501")
        #expect(
            try Self.scoreError(["id": "s", "name": "q", "value": 1, "dataType": "STARS", "traceId": "t"])
                == "event 1 (score-create s): body.dataType: must be NUMERIC, CATEGORICAL, BOOLEAN, TEXT or CORRECTION, got \"STARS\"")
        let target = "event 1 (score-create s): body: provide exactly one of traceId (with an optional observationId), sessionId or datasetRunId; observationId requires traceId"
        #expect(try Self.scoreError(["id": "s", "name": "q", "value": 1]) == target)
        #expect(try Self.scoreError(["id": "s", "name": "q", "value": 1, "traceId": "t", "sessionId": "x"]) == target)
        #expect(try Self.scoreError(["id": "s", "name": "q", "value": 1, "sessionId": "x", "observationId": "o"]) == target)
        #expect(
            try Self.scoreError(["id": "s", "name": "q", "value": 1, "traceId": "t", "source": "HUMAN"])
                == "event 1 (score-create s): body.source: must be API, EVAL or ANNOTATION, got \"HUMAN\"")
    }

    @Test func scoreValues() throws {
        func score(_ body: JSONValue) throws -> ScoreRecord {
            guard case .score(let score) = try Self.record(Self.event("score-create", body)) else { throw Unexpected() }
            return score
        }
        #expect(try score(["id": "s", "name": "q", "value": 0, "dataType": "BOOLEAN", "traceId": "t"]).value == .number(0))
        #expect(try score(["id": "s", "name": "q", "value": 3, "traceId": "t"]).value == .number(3))
        #expect(try score(["id": "s", "name": "q", "value": "ok", "dataType": "TEXT", "traceId": "t"]).value == .string("ok"))
        let session = try score([
            "id": "s", "name": "outcome", "value": "success", "dataType": "CATEGORICAL", "sessionId": "sess",
            "source": "ANNOTATION", "environment": "Langfuse-Prod", "metadata": ["by": "alice"],
        ])
        #expect(
            session
                == ScoreRecord(
                    id: "s", name: "outcome", value: .string("success"), dataType: "CATEGORICAL", sessionId: "sess",
                    metadata: ["by": "alice"], timestamp: Timestamp(iso8601: Self.stamp), source: "ANNOTATION", environment: "prod"))
    }

    @Test func scoresEndpointTakesAnObjectOrAnArray() throws {
        let single = try LangfuseScores.decode(
            Data(#"{"id": "s-1", "name": "q", "value": 1, "traceId": "t", "timestamp": "2026-11-23T15:47:54.457Z"}"#.utf8))
        #expect(single.errors.isEmpty)
        #expect(
            single.records == [
                .score(ScoreRecord(id: "s-1", name: "q", value: .number(1), traceId: "t", timestamp: Timestamp(iso8601: "2026-11-23T15:47:54.457Z")))
            ])
        let mixed = try LangfuseScores.decode(
            Data(
                #"""
                [{"id": "a", "name": "q", "value": 1, "traceId": "t"},
                 {"id": "b", "name": "q", "value": "x", "dataType": "BOOLEAN", "traceId": "t"},
                 {"name": "q", "value": 2, "traceId": "t", "timestamp": "2026-11-23 15:47:54"},
                 7]
                """#.utf8))
        #expect(mixed.records.map(\.id) == ["a"])
        #expect(
            mixed.errors == [
                "score 2 (b): value: expected 0 or 1 for data type BOOLEAN, got a string",
                "score 3: timestamp: not an ISO-8601 timestamp with a time zone (like 2026-01-31T12:00:00.000Z): 2026-11-23 15:47:54",
                "score 4: expected an object, got a number",
            ])
        #expect(throws: LangfuseBatchError(reason: "expected a score object or an array of scores, got a string")) {
            try LangfuseScores.decode(Data(#""score""#.utf8))
        }
        #expect(throws: LangfuseBatchError.self) { try LangfuseScores.decode(Data("[{".utf8)) }
        #expect(try LangfuseScores.decode(Data("[]".utf8)) == LangfuseScoreBatch())
    }

    @Test func scoresWithoutIdGetAStableOne() throws {
        let body = Data(#"[{"name": "q", "value": 2, "traceId": "t"}]"#.utf8)
        let first = try LangfuseScores.decode(body)
        let again = try LangfuseScores.decode(Data(#"[{"traceId": "t", "value": 2, "name": "q"}]"#.utf8))
        let other = try LangfuseScores.decode(Data(#"[{"name": "q", "value": 3, "traceId": "t"}]"#.utf8))
        let id = try #require(first.records.first?.id)
        #expect(id.hasPrefix("score-"))
        #expect(id.count == 22)
        #expect(again.records.first?.id == id)
        #expect(other.records.first?.id != id)
    }
}
