import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TurnscopeCollector
import TurnscopeModel

@Suite struct EndpointShapeTests {
    @Test func projectsHasTheFullShapeThatAuthCheckValidates() async throws {
        let harness = try CollectorHarness()
        try await harness.withClient { client in
            try await client.execute(uri: "/api/public/projects", method: .get) { response in
                #expect(response.status == .ok)
                let project = try #require(response.json?["data"]?.arrayValue?.first)
                #expect(project["id"]?.stringValue?.isEmpty == false)
                #expect(project["name"]?.stringValue?.isEmpty == false)
                #expect(project["organization"]?["id"]?.stringValue?.isEmpty == false)
                #expect(project["organization"]?["name"]?.stringValue?.isEmpty == false)
                #expect(project["metadata"] == .object([:]))
            }
        }
    }

    @Test func healthAnswersWithoutCredentials() async throws {
        let harness = try CollectorHarness(configuration: .init(publicKey: "pk", secretKey: "sk"))
        try await harness.withClient { client in
            try await client.execute(uri: "/api/public/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json?["status"] == "OK")
            }
        }
    }

    @Test func mediaUploadsAreDeclinedSoSDKsSkipThem() async throws {
        let harness = try CollectorHarness()
        try await harness.withClient { client in
            let body = #"{"traceId":"t","contentType":"image/png","contentLength":3,"sha256Hash":"abc+/=","field":"input"}"#
            try await client.execute(
                uri: "/api/public/media", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(text: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json?["uploadUrl"] == .null)
                #expect(response.json?["mediaId"]?.stringValue == "abc")
            }
        }
    }

    @Test func logsAndMetricsAreAcknowledged() async throws {
        let harness = try CollectorHarness()
        try await harness.withClient { client in
            for path in ["/v1/logs", "/v1/metrics"] {
                try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/x-protobuf"], body: ByteBuffer()
                ) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}
