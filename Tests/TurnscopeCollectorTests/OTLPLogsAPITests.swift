import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TurnscopeCollector
import TurnscopeModel

/// `/v1/logs`: agents' and GenAI's log events in both encodings, gzipped or not; a bad record is
/// refused on its own (OTLP partial success) and everything valid beside it is stored.
@Suite struct OTLPLogsAPITests {
    /// An OTLP/JSON logs export with these log records under a Claude Code resource.
    static func export(_ records: [String]) -> [UInt8] {
        Array(
            """
            {"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "claude-code"}}]},
              "scopeLogs": [{"scope": {"name": "com.anthropic.claude_code.events"}, "logRecords": [\(records.joined(separator: ","))]}]}]}
            """.utf8)
    }

    /// A Claude Code `api_request` record; `extra` adds raw attribute JSON.
    static func apiRequest(sequence: Int, spanId: String = "a1b2c3d4e5f60718", extra: String = "") -> String {
        """
        {"timeUnixNano": "1787216400000000000", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "\(spanId)",
         "body": {"stringValue": "claude_code.api_request"},
         "attributes": [
           {"key": "session.id", "value": {"stringValue": "s-logs"}}, {"key": "event.sequence", "value": {"intValue": \(sequence)}},
           {"key": "model", "value": {"stringValue": "claude-sonnet-4-5"}}, {"key": "duration_ms", "value": {"intValue": 900}},
           {"key": "input_tokens", "value": {"stringValue": "12"}}, {"key": "output_tokens", "value": {"intValue": 34}},
           {"key": "cost_usd", "value": {"doubleValue": 0.5}} \(extra)]}
        """
    }

    static func post(_ harness: CollectorHarness, _ body: [UInt8], contentType: String = "application/json", gzipped: Bool = false)
        async throws -> (HTTPResponse.Status, JSONValue?)
    {
        var fields: HTTPFields = [.contentType: contentType]
        if gzipped { fields[.contentEncoding] = "gzip" }
        let headers = fields
        return try await harness.withClient { client in
            try await client.execute(uri: "/v1/logs", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                (response.status, response.json)
            }
        }
    }

    static func generations(_ harness: CollectorHarness) throws -> [ObservationRecord] {
        try harness.exported().compactMap { if case .observation(let o) = $0, o.kind == .generation { o } else { nil } }
    }

    @Test(arguments: [false, true])
    func aProtobufExportIsStoredGzippedOrNot(_ gzipped: Bool) async throws {
        let harness = try CollectorHarness()
        let body = try OTLPAPITests.fixture("claude_code_logs.pb")
        let (status, _) = try await Self.post(harness, gzipped ? gzip(body) : body, contentType: "application/x-protobuf", gzipped: gzipped)
        #expect(status == .ok)
        let generations = try Self.generations(harness)
        #expect(generations.count == 4, "three answered calls and one that failed after its retries")
        #expect(generations.filter { $0.level == .error }.count == 1)
    }

    @Test func aTruncatedProtobufIsA400AndStoresNothing() async throws {
        let harness = try CollectorHarness()
        let body = try OTLPAPITests.fixture("claude_code_logs.pb")
        let (status, json) = try await Self.post(harness, Array(body.prefix(body.count / 2)), contentType: "application/x-protobuf")
        #expect(status == .badRequest)
        #expect(json?["message"]?.stringValue?.contains("ExportLogsServiceRequest") == true)
        #expect(try harness.exported().isEmpty)
    }

    @Test func malformedJSONIsA400() async throws {
        let harness = try CollectorHarness()
        let (status, json) = try await Self.post(harness, Array(#"{"resourceLogs": [{"scopeLogs": "#.utf8))
        #expect(status == .badRequest)
        #expect(json?["message"]?.stringValue?.contains("not OTLP/JSON") == true)
    }

    @Test func aRecordWithABadIdIsRefusedAloneAndTheRestIsStored() async throws {
        let harness = try CollectorHarness()
        let body = Self.export([Self.apiRequest(sequence: 1, spanId: "xyz"), Self.apiRequest(sequence: 2)])
        let (status, json) = try await Self.post(harness, body)
        #expect(status == .ok)
        #expect(json?["partialSuccess"]?["rejectedLogRecords"] == "1")
        #expect(json?["partialSuccess"]?["errorMessage"]?.stringValue?.contains("spanId") == true)
        #expect(try Self.generations(harness).map(\.id) == ["events:claude-code:s-logs#2"])
    }

    @Test func wrongTypesLoseTheFieldNotTheRecord() async throws {
        let harness = try CollectorHarness()
        let odd = Self.apiRequest(
            sequence: 3,
            extra: #", {"key": "cache_read_tokens", "value": {"arrayValue": {"values": []}}}, {"key": "ttft_ms", "value": {"kvlistValue": {}}}"#)
        let (status, _) = try await Self.post(harness, Self.export([odd]))
        #expect(status == .ok)
        let generation = try #require(try Self.generations(harness).first)
        #expect(generation.usage?.input == 12)
        #expect(generation.usage?.output == 34)
        #expect(generation.usage?.cacheRead == nil)
        #expect(generation.completionStartTime == nil)
        #expect(generation.cost?.total == 0.5)
    }

    @Test func eventsNoMappingReadsAreAcknowledgedAndNotStored() async throws {
        let harness = try CollectorHarness()
        let records = [
            #"{"body": {"stringValue": "claude_code.plugin_loaded"}, "attributes": [{"key": "session.id", "value": {"stringValue": "s"}}]}"#,
            #"{"severityText": "INFO", "body": {"stringValue": "GET /health 200"}}"#,
        ]
        let (status, json) = try await Self.post(harness, Self.export(records))
        #expect(status == .ok)
        #expect(json?["partialSuccess"] == nil)
        #expect(try harness.exported().isEmpty)
    }

    @Test(arguments: ["/", "/v1/logs/v1/logs"])
    func aMisconfiguredExporterIsToldWhatToSet(_ path: String) async throws {
        let harness = try CollectorHarness()
        try await harness.withClient { client in
            try await client.execute(
                uri: path, method: .post, headers: [.contentType: "application/x-protobuf"], body: ByteBuffer(bytes: [])
            ) { response in
                #expect(response.status == .notFound)
                #expect(response.json?["message"]?.stringValue?.contains("/v1/") == true)
            }
        }
    }
}
