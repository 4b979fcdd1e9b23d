import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// Spans captured from real clients talking to Langfuse's OTel endpoint: the Python SDK 3.x and 5.x
/// (`langfuse.*` keys; v5 JSON-encodes metadata values), litellm's `langfuse` callback (SDK 4.x) and
/// litellm's `langfuse_otel` callback (OpenInference keys plus some Langfuse ones).
@Suite struct OTLPLangfuseTests {
    // MARK: - Python SDK 3.x and 5.x

    /// Both SDK versions ran the same script: a root span with a generation, a tool, an agent and an
    /// event under it, with trace attributes propagated to every span.
    @Test(arguments: [
        ("langfuse-python-3.14.6", "32d07e51db9ef3c6b58ae8274c15a34d", "491b64988eba04dc", "0bab4b89b6da60b4"),
        ("langfuse-python-5.0.4", "afe2489a847d24d97b95a7a0865c911a", "3d8de7f656ca8751", "b084e13dac350cb5"),
    ])
    func pythonSDK(name: String, traceId: String, generationId: String, rootId: String) throws {
        let batch = try OTLPFixture.protobuf(name)
        #expect(batch.observations.count == 5)
        #expect(batch.observations.map(\.kind) == [.generation, .tool, .agent, .event, .span])
        #expect(batch.observations.allSatisfy { $0.traceId == traceId && $0.environment == "staging" })

        let generation = try batch.observation(generationId)
        #expect(generation.name == "llm-call")
        #expect(generation.parentId == rootId)
        #expect(generation.model == "gpt-4o-mini")
        #expect(generation.modelParameters == ["temperature": 0.2, "max_tokens": 100])
        #expect(generation.input == (try OTLPFixture.payload(#"[{"role": "user", "content": "hi"}]"#)))
        #expect(generation.output == (try OTLPFixture.payload(#"{"role": "assistant", "content": "hello"}"#)))
        #expect(generation.input == .messages([.text(.user, "hi")]))
        #expect(generation.output == .messages([.text(.assistant, "hello")]))
        #expect(generation.usage == Usage(input: 10, output: 5, cacheRead: 2))
        #expect(generation.cost == Cost(total: nil, parts: ["input": 0.0001, "output": 0.0002]))
        #expect(generation.level == .default)
        #expect(generation.completionStartTime?.iso8601.hasPrefix("2026-11-23T15:4") == true)
        #expect(generation.completionStartTime.map { $0 >= generation.startTime! && $0 <= generation.endTime! } == true)
        // Only what no field holds is kept: here nothing but the resource and the scope.
        #expect(generation.metadata?["attributes"] == nil)
        #expect(generation.metadata?["resourceAttributes"]?["service.name"] == "unknown_service:python")
        #expect(generation.metadata?["resourceAttributes"]?["langfuse.release"] == nil)
        #expect(generation.metadata?["scope"]?["name"] == "langfuse-sdk")

        let tool = try #require(batch.observations.first { $0.kind == .tool })
        #expect(tool.name == "search")
        #expect(tool.output == PayloadNormalizer.payload(from: "ok"))

        let event = try #require(batch.observations.first { $0.kind == .event })
        #expect(event.level == .warning)
        #expect(event.statusMessage == "warn")
        #expect(event.input == PayloadNormalizer.payload(from: ["e": 1]))
        #expect(event.startTime == event.endTime)

        let root = try batch.observation(rootId)
        #expect(root.parentId == nil)
        #expect(root.input == PayloadNormalizer.payload(from: ["q": "hi"]))
        #expect(root.output == PayloadNormalizer.payload(from: ["a": "hello"]))
        // v3 sends the metadata value 1 as an integer, v5 as the JSON text "1": both read as 1.
        #expect(root.metadata?["m"] == 1)

        // Every span carries the trace attributes, so each writes a trace record.
        let traces = batch.traces(traceId)
        #expect(traces.count == 5)
        for trace in traces {
            #expect(trace.name == "my-trace")
            #expect(trace.userId == "user-1")
            #expect(trace.sessionId == "session-1")
            #expect(trace.tags == ["t1", "t2"])
            // v5 sends "\"v\"": decoded, it is the same "v" v3 sends raw.
            #expect(trace.metadata == ["k": "v"])
            #expect(trace.environment == "staging")
            #expect(trace.release == "r1")
        }
        let rootTrace = try #require(traces.last)
        #expect(rootTrace.timestamp == root.startTime)
        #expect(rootTrace.input == root.input)
        #expect(rootTrace.output == root.output)
        #expect(traces.dropLast().allSatisfy { $0.timestamp == nil && $0.input == nil })
    }

    @Test func pythonSDK3And5AgreeOnEverythingButIdsAndTimes() throws {
        func normalized(_ batch: OTLPBatch) -> [JSONValue] {
            batch.records.map { record in
                var json = NativeFormat.json(record).objectValue ?? [:]
                for key in ["id", "traceId", "parentId", "startTime", "endTime", "completionStartTime", "timestamp", "eventTime"] {
                    json[key] = nil
                }
                var metadata = json["metadata"]?.objectValue
                metadata?["scope"] = nil
                metadata?["resourceAttributes"] = nil
                json["metadata"] = metadata.map(JSONValue.object)
                return .object(json)
            }
        }
        #expect(normalized(try OTLPFixture.json("langfuse-python-3.14.6")) == normalized(try OTLPFixture.json("langfuse-python-5.0.4")))
    }

    // MARK: - litellm

    @Test func litellmLangfuseCallback() throws {
        let batch = try OTLPFixture.protobuf("litellm-1.109.1-langfuse-4.18.0")

        let generation = try batch.observation("424ea468275b0f53")
        #expect(generation.kind == .generation)
        #expect(generation.name == "gen-name")
        #expect(generation.traceId == "84097828fc31a8c8d29210df48901a85")
        #expect(generation.model == "gpt-4o-mini")
        #expect(generation.modelParameters == ["temperature": 0.2, "max_tokens": 50, "user": "end-user-x", "extra_body": "{}"])
        #expect(generation.input == (try OTLPFixture.payload(#"{"messages": [{"role": "user", "content": "hi"}]}"#)))
        #expect(
            generation.output == (try OTLPFixture.payload(
                #"{"content": "hello there", "role": "assistant", "tool_calls": null, "function_call": null, "provider_specific_fields": null}"#
            )))
        #expect(generation.input == .messages([.text(.user, "hi")]))
        #expect(generation.output == .messages([.text(.assistant, "hello there")]))
        #expect(generation.usage == Usage(input: 10, output: 20, cacheRead: 0, cacheWrite5m: 0, total: 30))
        #expect(generation.cost == Cost(total: 1.35e-05))
        #expect(generation.completionStartTime == Timestamp(iso8601: "2026-11-23T15:49:44.143804Z"))
        #expect(generation.level == .default)
        #expect(generation.metadata?["litellm_call_id"] == "3f1eb7bb-b91c-416a-a033-fd9a814e6c4b")
        #expect(generation.metadata?["cache_hit"] == false)
        #expect(generation.metadata?["hidden_params"]?["api_base"] == "https://api.openai.com")
        #expect(generation.metadata?["usage_object"]?["prompt_tokens"] == 10)
        #expect(generation.metadata?["resourceAttributes"] == nil)

        let trace = try #require(batch.traces("84097828fc31a8c8d29210df48901a85").first)
        #expect(trace.name == "trace-name")
        #expect(trace.userId == "user-1")
        #expect(trace.sessionId == "session-1")
        #expect(trace.tags == ["t1", "t2"])
        #expect(trace.input == generation.input)
        #expect(trace.timestamp == generation.startTime)

        let failed = try batch.observation("92a87ddba1b84948")
        #expect(failed.level == .error)
        #expect(failed.statusMessage?.hasSuffix("litellm.MockException: boom") == true)
        #expect(failed.output == PayloadNormalizer.payload(from: .string(failed.statusMessage ?? "")))
        #expect(failed.usage == nil)
        #expect(failed.cost == nil)
        let failedTrace = try #require(batch.traces("5b96d9140bf6462c8d3eabca2163bf39").first)
        #expect(failedTrace.name == "litellm-completion")
        #expect(failedTrace.userId == "user-1")
        #expect(failedTrace.sessionId == nil)
    }

    @Test func litellmLangfuseOtelCallback() throws {
        let batch = try OTLPFixture.protobuf("litellm-1.109.1-langfuse-otel")
        #expect(batch.observations.count == 3)

        let generation = try batch.observation("7555e287e3cb1190")
        #expect(generation.kind == .generation)
        #expect(generation.name == "gen-name")
        #expect(generation.model == "gpt-4o-mini")
        #expect(generation.modelParameters == ["temperature": 0.2, "max_tokens": 50, "user": "end-user-x"])
        // Langfuse's keys win over the OpenInference messages litellm also sends.
        #expect(generation.input == (try OTLPFixture.payload(#"[{"role": "user", "content": "hi"}]"#)))
        #expect(generation.output == (try OTLPFixture.payload(#"{"role": "assistant", "content": "hello there"}"#)))
        #expect(generation.output == .messages([.text(.assistant, "hello there")]))
        #expect(generation.usage == Usage(input: 10, output: 20, total: 30))
        #expect(generation.cost == Cost(total: 1.35e-05))
        #expect(generation.completionStartTime == Timestamp(iso8601: "2026-11-23T15:50:03.5696Z"))
        // No `langfuse.environment`: the resource's `deployment.environment` decides.
        #expect(generation.environment == "production")
        #expect(generation.level == .default)
        // The provider is read into its own key, as every source's records name it.
        #expect(generation.metadata?["provider"] == "openai")
        #expect(generation.metadata?["attributes"]?["llm.provider"] == nil)
        #expect(generation.metadata?["attributes"]?["llm.output_messages.0.message.content"] == nil)
        #expect(generation.metadata?["resourceAttributes"]?["service.name"] == "litellm")
        // litellm's `metadata` object is merged into the metadata, without its null members.
        #expect(generation.metadata?["usage_object"]?["total_tokens"] == 30)
        #expect(generation.metadata?["user_api_key_hash"] == nil)
        #expect(generation.metadata?["attributes"]?["openinference.span.kind"] == nil)
        #expect(generation.metadata?["attributes"]?["llm.model_name"] == nil)

        let trace = try #require(batch.traces("e0df15c64e6a5615a49119df8319cc36").first)
        #expect(batch.traces("e0df15c64e6a5615a49119df8319cc36").count == 1)
        #expect(trace.name == "trace-name")
        #expect(trace.userId == "user-1")
        #expect(trace.sessionId == "session-1")
        // litellm sends the tags as a JSON-array string.
        #expect(trace.tags == ["t1", "t2"])
        #expect(trace.input == (try OTLPFixture.payload(#"[{"role": "user", "content": "hi"}]"#)))
        #expect(trace.output == (try OTLPFixture.payload(#"{"role": "assistant", "content": "hello there"}"#)))
        #expect(trace.environment == "production")

        // The raw-response child carries nothing but one attribute: a plain span, no trace record.
        let child = try batch.observation("1fa284f71b44ae2c")
        #expect(child.kind == .span)
        #expect(child.parentId == "7555e287e3cb1190")
        #expect(child.metadata?["attributes"] == ["llm.openai.stringified_raw_response": "my-original-response"])

        let failed = try batch.observation("80696155323b5be9")
        #expect(failed.kind == .generation)
        #expect(failed.level == .error)
        #expect(failed.statusMessage?.hasSuffix("litellm.MockException: boom") == true)
        #expect(failed.cost == Cost(total: 0))
        #expect(failed.usage == nil)
        #expect(failed.metadata?["attributes"]?["error.type"] == "InternalServerError")
        let failedTrace = try #require(batch.traces("3141bb8cbbf95b7e682fdb43414a4f4e").first)
        #expect(failedTrace.name == "litellm-completion")
        #expect(failedTrace.input == (try OTLPFixture.payload(#"[{"role": "user", "content": "fail"}]"#)))
    }
}
