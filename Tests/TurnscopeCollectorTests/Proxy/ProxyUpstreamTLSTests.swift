import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdTesting
import NIOSSL
import Testing
import TurnscopeCollector
import TurnscopeModel

/// Upstream TLS is always verified: an HTTPS upstream whose certificate no trusted authority
/// signed is refused, and `--upstream-ca-file` (`UpstreamTrust`) makes a private one trusted.
///
/// The upstream's certificate (Fixtures/tls, valid until 2126) was made once with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 36500 -nodes
/// -subj "/CN=Turnscope test upstream" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"`.
@Suite struct ProxyUpstreamTLSTests {
    static func fixturePath(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: "pem", subdirectory: "Fixtures/tls")).path
    }

    /// An HTTPS fake of Anthropic's Messages API on 127.0.0.1 with the self-signed certificate.
    static func httpsUpstream(answer: [UInt8]) throws -> some ApplicationProtocol {
        let router = Router()
        router.post("/v1/messages") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: answer)))
        }
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(try fixturePath("upstream-cert")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: try fixturePath("upstream-key"), format: .pem)))
        return Application(
            router: router, server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Posts a Messages request through a collector whose `private` route is the HTTPS upstream:
    /// the answer's status and body, and the collector.
    static func call(upstreamPort: Int, trust: UpstreamTrust) async throws -> (status: Int, body: [UInt8], CollectorHarness) {
        var configuration = CollectorConfiguration(
            port: 0, proxyRoutes: [ProxyRoute(name: "private", upstream: "https://127.0.0.1:\(upstreamPort)")])
        configuration.upstreamTrust = trust
        let harness = try CollectorHarness(configuration: configuration)
        let port = try await harness.collector.start()
        let request = try ProxyTransportTests.fixture("anthropic_request_tooluse.json")
        let (status, body) = try await onOwnThread {
            let client = try RawHTTPClient(port: port)
            try client.send(
                "POST", "/private/v1/messages",
                headers: [("x-api-key", ProxyTransportTests.key), ("Content-Type", "application/json")], body: request)
            return (client.status, try client.readBody())
        }
        return (status, body, harness)
    }

    @Test func anUpstreamCertificateNoTrustedAuthoritySignedIsRefused() async throws {
        let answer = try ProxyTransportTests.fixture("anthropic_response_tooluse.json")
        try await Self.httpsUpstream(answer: answer).test(.live) { upstream in
            let (status, body, harness) = try await Self.call(upstreamPort: try #require(upstream.port), trust: .system)
            let message = String(decoding: body, as: UTF8.self)
            #expect(status == 502, "\(message)")
            #expect(message.contains("could not be reached"), "\(message)")
            #expect(message.lowercased().contains("certificate"), "\(message)")
            // The refused call is a failed turn, as any call that got no answer.
            let observation = try #require(try await ProxyTransportTests.observations(harness).first)
            #expect(observation.level == .error)
            #expect(observation.output == nil)
            await harness.collector.stop()
        }
    }

    @Test func theAddedAuthorityMakesAPrivateUpstreamTrusted() async throws {
        let answer = try ProxyTransportTests.fixture("anthropic_response_tooluse.json")
        let trust = try UpstreamTrust(addingCertificatesIn: try Self.fixturePath("upstream-cert"))
        try await Self.httpsUpstream(answer: answer).test(.live) { upstream in
            let (status, body, harness) = try await Self.call(upstreamPort: try #require(upstream.port), trust: trust)
            #expect(status == 200)
            #expect(body == answer)
            let observation = try #require(try await ProxyTransportTests.observations(harness).first)
            #expect(observation.level == nil)
            #expect(observation.usage != nil)
            await harness.collector.stop()
        }
    }

    @Test func aCAFileThatCannotBeUsedIsAnErrorAtStart() throws {
        #expect(throws: CollectorError.self) { try UpstreamTrust(addingCertificatesIn: "/nonexistent/ca.pem") }
        // A private key is PEM, but not an authority.
        #expect(throws: CollectorError.self) { try UpstreamTrust(addingCertificatesIn: try Self.fixturePath("upstream-key")) }
    }
}
