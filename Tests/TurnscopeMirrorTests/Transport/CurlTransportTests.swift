import FakeLangfuse
import Foundation
import Testing
import TurnscopeMirror
import TurnscopeModel

/// libcurl against the fake on loopback: answers come back as responses, failures without an
/// answer as typed errors, and the fake reads OTLP/JSON (hex ids) as well as protobuf.
@Suite("Curl transport")
struct CurlTransportTests {
    static let keys = (public: "pk-lf-t-0123456789", secret: "sk-lf-t-9876543210")

    static func authorization(_ publicKey: String = keys.public, _ secretKey: String = keys.secret) -> (String, String) {
        ("Authorization", "Basic " + Data("\(publicKey):\(secretKey)".utf8).base64EncodedString())
    }

    @Test("an OTLP/JSON export with hex ids is decoded, and a broken attribute is reported")
    func otlpJSON() throws {
        let fake = try FakeLangfuse(publicKey: Self.keys.public, secretKey: Self.keys.secret)
        defer { fake.stop() }
        let body = """
            {"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"js"},"spans":[
             {"traceId":"afe2489a847d24d97b95a7a0865c911a","spanId":"3d8de7f656ca8751","name":"llm-call",
              "startTimeUnixNano":"1795448874456351012","endTimeUnixNano":"1795448874456621307",
              "attributes":[{"key":"langfuse.observation.type","value":{"stringValue":"generation"}},
                            {"key":"langfuse.observation.usage_details","value":{"stringValue":"[1, 2]"}}]}]}]}]}
            """
        let response = try CurlTransport(options: TransportOptions()).send(
            MirrorRequest(
                url: fake.host + "/api/public/otel/v1/traces",
                headers: [Self.authorization(), ("Content-Type", "application/json"), ("x-langfuse-ingestion-version", "4")],
                body: Array(body.utf8)))
        #expect(response.status == 200)
        #expect(fake.spans.map(\.traceId) == ["afe2489a847d24d97b95a7a0865c911a"])
        #expect(fake.spans.first?.attributes["langfuse.observation.type"] == .string("generation"))
        #expect(fake.violations.contains { $0.contains("usage_details is not a JSON object") }, "\(fake.violations)")
    }

    @Test("gzip bodies arrive whole; wrong keys get a 401")
    func gzipAndAuth() throws {
        let fake = try FakeLangfuse(publicKey: Self.keys.public, secretKey: Self.keys.secret)
        defer { fake.stop() }
        let batch = #"{"batch":[{"id":"e1","type":"sdk-log","timestamp":"2026-11-20T09:00:00Z","body":{"id":"x","log":"hi"}}]}"#
        let transport = CurlTransport(options: TransportOptions())
        let accepted = try transport.send(
            MirrorRequest(url: fake.host + "/api/public/ingestion", headers: [Self.authorization(), ("Content-Type", "application/json")],
                          body: Array(batch.utf8)))
        #expect(accepted.status == 207)
        let refused = try transport.send(
            MirrorRequest(url: fake.host + "/api/public/ingestion", headers: [Self.authorization("pk-lf-x", "sk-lf-y")], body: []))
        #expect(refused.status == 401)
        #expect(fake.violations.contains { $0.contains("authorization") })
        #expect(Gzip.compress(Array(repeating: 65, count: 10_000)).count < 200)
    }

    @Test("Retry-After is read as seconds or as an HTTP date")
    func retryAfter() {
        #expect(MirrorResponse(status: 429, headers: ["retry-after": "3"]).retryAfter == 3)
        let date = MirrorResponse(status: 503, headers: ["retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"]).retryAfter
        #expect(date == 0)  // in the past: retry now
        #expect(MirrorResponse(status: 429, headers: ["retry-after": "soon"]).retryAfter == nil)
    }

    @Test("no answer is a typed error: a closed port, a timeout, a dropped connection; https to a plain server fails")
    func failures() throws {
        let fake = try FakeLangfuse(publicKey: Self.keys.public, secretKey: Self.keys.secret)
        defer { fake.stop() }
        let transport = CurlTransport(options: TransportOptions(connectTimeout: 2, totalTimeout: 0.5))
        func kind(_ url: String) -> TransportError.Kind? {
            do {
                _ = try transport.send(MirrorRequest(url: url, headers: [Self.authorization()], body: [1]))
                return nil
            } catch {
                return error.kind
            }
        }
        #expect(kind("http://127.0.0.1:1/api/public/otel/v1/traces") == .connect)
        // TLS verification is on: an https URL to a server without TLS never yields an answer.
        #expect(kind(fake.host.replacingOccurrences(of: "http://", with: "https://") + "/api/public/otel/v1/traces") != nil)
        fake.enqueue(.delay(seconds: 2, then: .status(200)), for: .otlp)
        #expect(kind(fake.host + "/api/public/otel/v1/traces") == .timeout)
        let fresh = CurlTransport(options: TransportOptions())
        fake.enqueue(.drop, for: .ingestion)
        do {
            _ = try fresh.send(MirrorRequest(url: fake.host + "/api/public/ingestion", headers: [Self.authorization()], body: [1]))
            Issue.record("a dropped connection must be an error")
        } catch {
            #expect(error.kind == .dropped)
            #expect(!error.description.contains(Self.keys.secret))
        }
    }
}
