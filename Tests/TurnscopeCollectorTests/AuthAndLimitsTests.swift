import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TurnscopeCollector
import TurnscopeModel

@Suite struct AuthAndLimitsTests {
    static let line = #"{"type":"trace","id":"t1","sessionId":"s1","timestamp":"2026-11-20T09:00:00Z"}"#

    @Test func withoutKeysAnyCredentialsAreAccepted() async throws {
        let harness = try CollectorHarness()
        try await harness.withClient { client in
            try await client.execute(
                uri: "/api/turnscope/records", method: .post,
                headers: [.authorization: "Basic " + Data("pk-lf-x:sk-lf-y".utf8).base64EncodedString()],
                body: ByteBuffer(text: Self.line)
            ) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try harness.exported().count == 1)
    }

    @Test func withKeysOnlyMatchingBasicCredentialsAreAccepted() async throws {
        let harness = try CollectorHarness(configuration: .init(publicKey: "pk-lf-1", secretKey: "sk-lf-2"))
        let good = "Basic " + Data("pk-lf-1:sk-lf-2".utf8).base64EncodedString()
        let bad = "Basic " + Data("pk-lf-1:sk-lf-3".utf8).base64EncodedString()
        try await harness.withClient { client in
            for headers: HTTPFields in [[:], [.authorization: bad], [.authorization: "Bearer pk-lf-1"]] {
                try await client.execute(uri: "/api/public/projects", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.json?["message"]?.stringValue?.isEmpty == false)
                }
            }
            try await client.execute(uri: "/api/public/projects", method: .get, headers: [.authorization: good]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func anOversizedBodyIsRefusedWith413() async throws {
        let harness = try CollectorHarness(configuration: .init(maxBodyBytes: 1024))
        try await harness.withClient { client in
            let big = String(repeating: Self.line + "\n", count: 40)
            try await client.execute(uri: "/api/turnscope/records", method: .post, body: ByteBuffer(text: big)) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(try harness.exported().isEmpty)
    }

    @Test func aGzipBombIsRefusedWithoutInflatingIt() async throws {
        let harness = try CollectorHarness(configuration: .init(maxBodyBytes: 1 << 20, maxInflatedBytes: 1 << 20))
        let bomb = gzip([UInt8](repeating: 0x20, count: 64 << 20))  // 64 MiB of spaces, a few KiB gzipped
        #expect(bomb.count < 200_000)
        try await harness.withClient { client in
            try await client.execute(
                uri: "/api/turnscope/records", method: .post, headers: [.contentEncoding: "gzip"], body: ByteBuffer(bytes: bomb)
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.json?["message"]?.stringValue?.contains("inflates to more than") == true)
            }
        }
    }

    @Test func gzipBodiesAreInflatedAndBrokenGzipIsA400() async throws {
        let harness = try CollectorHarness()
        try await harness.withClient { client in
            try await client.execute(
                uri: "/api/turnscope/records", method: .post, headers: [.contentEncoding: "gzip"],
                body: ByteBuffer(bytes: gzip(Array(Self.line.utf8)))
            ) { response in
                #expect(response.status == .ok)
            }
            let truncated = Array(gzip(Array(Self.line.utf8)).prefix(12))
            try await client.execute(
                uri: "/api/turnscope/records", method: .post, headers: [.contentEncoding: "gzip"], body: ByteBuffer(bytes: truncated)
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/turnscope/records", method: .post, headers: [.contentEncoding: "br"], body: ByteBuffer(text: Self.line)
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
        #expect(try harness.exported().count == 1)
    }

    @Test func aBadLineIsReportedAndItsNeighboursAreStoredBeforeTheAnswer() async throws {
        let harness = try CollectorHarness()
        let lines = [
            Self.line,
            #"{"type":"observation","id":"o1","traceId":"t1","kind":"generation","startTime":"yesterday"}"#,
            "{not json",
            #"{"type":"observation","id":"o2","traceId":"t1","kind":"generation","model":"gpt-4o","usage":{"input":3,"output":4}}"#,
        ].joined(separator: "\n")
        try await harness.withClient { client in
            try await client.execute(uri: "/api/turnscope/records", method: .post, body: ByteBuffer(text: lines)) { response in
                #expect(response.status.code == 207)
                #expect(response.json?["accepted"] == 2)
                let errors = try #require(response.json?["errors"]?.arrayValue)
                #expect(errors.map { $0["line"] } == [2, 3])
                #expect(errors[0]["message"]?.stringValue?.contains("startTime") == true)
                // Acknowledged only after the commit: the records are readable now.
                #expect(try harness.exported().map(\.id) == ["t1", "o2"])
            }
        }
    }

    @Test func aNonLoopbackAddressWithoutKeysIsRefused() throws {
        #expect(throws: CollectorError.self) { try CollectorConfiguration(host: "0.0.0.0").validate() }
        try CollectorConfiguration(host: "0.0.0.0", publicKey: "pk", secretKey: "sk").validate()
        try CollectorConfiguration(host: "127.0.0.1").validate()
        #expect(throws: CollectorError.self) { try CollectorConfiguration(publicKey: "pk").validate() }
    }
}
