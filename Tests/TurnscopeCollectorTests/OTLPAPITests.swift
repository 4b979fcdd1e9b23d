import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TurnscopeCollector
import TurnscopeModel

/// OTLP/HTTP in every encoding a real exporter uses, at both paths.
@Suite struct OTLPAPITests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try [UInt8](Data(contentsOf: url))
    }

    static let encodings: [(file: String, contentType: String, gzip: Bool, path: String)] = [
        ("otlp_genai_span.pb", "application/x-protobuf", false, "/v1/traces"),
        ("otlp_genai_span.pb.gz", "application/x-protobuf", true, "/api/public/otel/v1/traces"),
        ("otlp_genai_span.json", "application/json", false, "/v1/traces"),
    ]

    @Test(arguments: 0..<3)
    func aGenAIExportIsStoredInEveryEncoding(_ index: Int) async throws {
        let encoding = Self.encodings[index]
        let harness = try CollectorHarness()
        var fields: HTTPFields = [.contentType: encoding.contentType]
        if encoding.gzip { fields[.contentEncoding] = "gzip" }
        let headers = fields
        let body = try Self.fixture(encoding.file)
        try await harness.withClient { client in
            try await client.execute(uri: encoding.path, method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == encoding.contentType)
            }
        }
        let records = try harness.exported()
        let chat = try #require(records.compactMap { if case .observation(let o) = $0, o.kind == .generation { o } else { nil } }.first)
        #expect(chat.model == "gpt-4o-2024-08-06")
        #expect(chat.usage?.output == 41)
        #expect(chat.usage?.cacheRead == 1024)
        #expect(chat.usage?.input == 186)  // 1210 inclusive of 1024 cached
        #expect(chat.output?.messages?.first?.toolCalls.first?.name == "get_weather")
        let traces = records.compactMap { if case .trace(let t) = $0 { t } else { nil } }
        #expect(traces.contains { $0.sessionId == "conv_5j66UpCpwteGg4YSxUnt7lPY" })
    }

    @Test func truncatedProtobufIsA400AndStoresNothing() async throws {
        let harness = try CollectorHarness()
        let body = try Self.fixture("otlp_genai_span.pb")
        try await harness.withClient { client in
            try await client.execute(
                uri: "/v1/traces", method: .post, headers: [.contentType: "application/x-protobuf"],
                body: ByteBuffer(bytes: Array(body.prefix(body.count / 2)))
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.json?["message"]?.stringValue?.isEmpty == false)
            }
        }
        #expect(try harness.exported().isEmpty)
    }

    @Test func aMissingContentTypeIsRefusedWithAReason() async throws {
        let harness = try CollectorHarness()
        try await harness.withClient { client in
            try await client.execute(uri: "/v1/traces", method: .post, body: ByteBuffer(bytes: try Self.fixture("otlp_genai_span.pb"))) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.json?["message"]?.stringValue?.contains("application/x-protobuf") == true)
            }
        }
    }
}
