import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TurnscopeCollector
import TurnscopeModel

/// The Langfuse API driven with the exact requests real SDKs sent (captured traffic).
@Suite struct LangfuseAPITests {
    /// The JSON bodies a capture file recorded for a path.
    static func capturedBodies(_ file: String, path: String) throws -> [JSONValue] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil))
        let capture = try JSONText.parse(Data(contentsOf: url))
        return (capture["requests"]?.arrayValue ?? []).filter { $0["path"]?.stringValue == path }
            .compactMap { $0["json_body"] }
    }

    @Test func sdk2BatchesAreStoredAndEveryEventSucceeds() async throws {
        let harness = try CollectorHarness()
        let batches = try Self.capturedBodies("python-sdk-2.60.10.json", path: "/api/public/ingestion")
        #expect(!batches.isEmpty)
        try await harness.withClient { client in
            for batch in batches {
                try await client.execute(
                    uri: "/api/public/ingestion", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(bytes: batch.jsonBytes)
                ) { response in
                    #expect(response.status.code == 207)
                    #expect(response.json?["errors"]?.arrayValue?.isEmpty == true)
                    #expect(response.json?["successes"]?.arrayValue?.count == batch["batch"]?.arrayValue?.count)
                }
            }
        }
        let records = try harness.exported()
        let trace = try #require(records.compactMap { if case .trace(let t) = $0, t.name == "my-trace" { t } else { nil } }.first)
        #expect(trace.sessionId == "session-1")
        #expect(trace.userId == "user-1")
        #expect(trace.tags == ["t1", "t2"])
        let generation = try #require(records.compactMap { if case .observation(let o) = $0, o.name == "llm-call" { o } else { nil } }.first)
        #expect(generation.kind == .generation)
        #expect(generation.model == "gpt-4o-mini")
        #expect(generation.input?.messages?.first?.role == .user)
        #expect(generation.usage?.output == 5)
        #expect(generation.usage?.cacheRead == 2)
        #expect(generation.cost?.parts["input"] == 0.0001)
    }

    @Test func aBadEventIsReportedAndItsNeighboursAreStored() async throws {
        let harness = try CollectorHarness()
        let body: JSONValue = [
            "batch": [
                ["id": "e1", "type": "trace-create", "timestamp": "2026-11-20T09:00:00Z", "body": ["id": "t1", "sessionId": "s1"]],
                ["id": "e2", "type": "generation-create", "timestamp": "2026-11-20T09:00:00", "body": ["id": "g1", "traceId": "t1"]],
                ["id": "e3", "type": "no-such-type", "timestamp": "2026-11-20T09:00:00Z", "body": ["id": "x"]],
                ["id": "e4", "type": "generation-create", "timestamp": "2026-11-20T09:00:01Z", "body": ["id": "g2", "traceId": "t1", "model": "gpt-4o"]],
            ]
        ]
        try await harness.withClient { client in
            try await client.execute(
                uri: "/api/public/ingestion", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: body.jsonBytes)
            ) { response in
                #expect(response.status.code == 207)
                #expect(response.json?["successes"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["e1", "e4"])
                let errors = try #require(response.json?["errors"]?.arrayValue)
                #expect(errors.compactMap { $0["id"]?.stringValue } == ["e2", "e3"])
                #expect(errors.allSatisfy { $0["status"] == 400 })
                #expect(errors[0]["error"]?.stringValue?.contains("timestamp") == true)
            }
        }
        #expect(try harness.exported().map(\.id) == ["t1", "g2"])
    }

    @Test func malformedJSONAndWrongContentTypeAreClear4xx() async throws {
        let harness = try CollectorHarness()
        try await harness.withClient { client in
            try await client.execute(
                uri: "/api/public/ingestion", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(text: #"{"batch": [{"id": "e1""#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.json?["error"]?.stringValue?.contains("JSON") == true)
            }
            try await client.execute(
                uri: "/api/public/ingestion", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(text: #"{"batch": {"id": "e1"}}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.json?["error"]?.stringValue?.contains("batch") == true)
            }
            try await client.execute(
                uri: "/api/public/ingestion", method: .post, headers: [.contentType: "text/xml"], body: ByteBuffer(text: "<batch/>")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }

    @Test func sdk5ScoresArrayIsAccepted() async throws {
        let harness = try CollectorHarness()
        let bodies = try Self.capturedBodies("python-sdk-5.0.4.json", path: "/api/public/scores")
        let body = try #require(bodies.first)
        try await harness.withClient { client in
            try await client.execute(
                uri: "/api/public/scores", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: body.jsonBytes)
            ) { response in
                #expect(response.status == .accepted)
            }
        }
        let scores = try harness.exported().compactMap { if case .score(let s) = $0 { s } else { nil } }
        #expect(scores.count == body.arrayValue?.count)
        #expect(scores.contains { $0.name == "quality" && $0.value == .number(0.9) })
    }
}
